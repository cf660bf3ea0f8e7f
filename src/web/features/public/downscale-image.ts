/** The photo as the API takes it: JPEG in base64 (no data: prefix), plus a preview URL for the page. */
export interface PreparedPhoto {
  contentType: 'image/jpeg';
  dataBase64: string;
  size: number;
  previewUrl: string;
}

export const MAX_PHOTO_SIDE = 1600;
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

function loadImage(file: File): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => {
      URL.revokeObjectURL(url);
      resolve(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('image_unreadable'));
    };
    img.src = url;
  });
}

function toBlob(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode_failed'))), 'image/jpeg', quality);
  });
}

function toBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read_failed'));
    reader.readAsDataURL(blob);
  });
}

/**
 * Downscales a photo in the browser to at most 1600 px on its longer side and re-encodes it as JPEG (the phone's
 * orientation applied by the browser), lowering the quality until it fits in 2 MB. Throws `too_large` otherwise.
 */
export async function downscaleImage(file: File): Promise<PreparedPhoto> {
  const img = await loadImage(file);
  const scale = Math.min(1, MAX_PHOTO_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
  const g = canvas.getContext('2d');
  if (!g) throw new Error('image_unreadable');
  g.fillStyle = '#fff'; // transparent PNGs become white, not black
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(img, 0, 0, canvas.width, canvas.height);
  for (const quality of [0.85, 0.75, 0.6, 0.45]) {
    const blob = await toBlob(canvas, quality);
    if (blob.size <= MAX_PHOTO_BYTES) {
      return {
        contentType: 'image/jpeg',
        dataBase64: await toBase64(blob),
        size: blob.size,
        previewUrl: URL.createObjectURL(blob),
      };
    }
  }
  throw new Error('too_large');
}
