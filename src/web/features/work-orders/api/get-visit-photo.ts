import { getVisitPhoto } from '@shared/contracts/field.contract';
import { useQuery } from '@tanstack/react-query';
import { callFile } from '@web/lib/api';
import { useEffect, useState } from 'react';

/**
 * A visit photo's bytes (getVisitPhoto: the visit's technician and the branch's dispatch readers; private, no-store).
 * Fetched with the session cookie as a Blob — the images are not publicly readable.
 */
export function getVisitPhotoRequest(photoId: string, signal?: AbortSignal): Promise<Blob> {
  return callFile(getVisitPhoto, { params: { photoId }, signal }).then((r) => r.blob);
}

export function useVisitPhoto(photoId: string) {
  return useQuery({
    // Outside ['work-orders']: the page's invalidations (after an edit) need not fetch the photos again.
    queryKey: ['visit-photo', photoId] as const,
    queryFn: ({ signal }) => getVisitPhotoRequest(photoId, signal),
    // A photo never changes; keep it while the page is open, drop it soon after.
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60_000,
  });
}

/** An object URL of a visit photo for `<img src>`, revoked when the component goes or the photo changes. */
export function useVisitPhotoUrl(photoId: string): { url: string | undefined; isError: boolean } {
  const photo = useVisitPhoto(photoId);
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!photo.data) return;
    const u = URL.createObjectURL(photo.data);
    setUrl(u);
    return () => {
      URL.revokeObjectURL(u);
      setUrl(undefined);
    };
  }, [photo.data]);
  return { url, isError: photo.isError };
}
