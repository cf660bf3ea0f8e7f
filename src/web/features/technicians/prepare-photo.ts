/** The ID photo as the API takes it: JPEG in base64 (no data: prefix). */
export interface PreparedIdPhoto {
  contentType: 'image/jpeg';
  dataBase64: string;
}

/** An ID photo needs no more: 600 px on the longer side. */
export const ID_PHOTO_SIDE = 600;
export const ID_PHOTO_MAX_BYTES = 1024 * 1024;

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
 * Scales a picked image to at most 600 px on its longer side and re-encodes it as JPEG (the bytes then really are
 * JPEG, whatever the file was), lowering the quality until it fits in 1 MB. Throws `image_unreadable` / `too_large`.
 */
export async function prepareIdPhoto(file: File): Promise<PreparedIdPhoto> {
  const img = await loadImage(file);
  const scale = Math.min(1, ID_PHOTO_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
  const g = canvas.getContext('2d');
  if (!g) throw new Error('image_unreadable');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(img, 0, 0, canvas.width, canvas.height);
  for (const quality of [0.9, 0.8, 0.65, 0.5]) {
    const blob = await toBlob(canvas, quality);
    if (blob.size <= ID_PHOTO_MAX_BYTES) return { contentType: 'image/jpeg', dataBase64: await toBase64(blob) };
  }
  throw new Error('too_large');
}
