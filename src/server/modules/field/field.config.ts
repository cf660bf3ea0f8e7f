import { isIP } from 'node:net';
import { diskPhotoStore, type PhotoStore } from './photo-store';
import { type S3PhotoStoreConfig, s3PhotoStore } from './photo-store-s3';

/** Settings of the field module, from the environment (read once at start). */
export interface FieldConfig {
  /**
   * AIRCARE_PHOTO_STORE: where visit photos live — `disk` (default: files under DATA_DIR/field-photos) or `s3` (an
   * S3-compatible bucket, AIRCARE_S3_*).
   */
  photos: { store: 'disk' } | { store: 's3'; s3: S3PhotoStoreConfig };
}

function bool(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new Error(`${name} must be true or false, got "${value}"`);
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const v = (env[name] ?? '').trim();
  if (!v) throw new Error(`${name} is required with AIRCARE_PHOTO_STORE=s3`);
  return v;
}

/** An http(s) URL without credentials, query or fragment; returned without trailing slashes. */
function endpointUrl(name: string, value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new Error(`${name} must be an http(s) URL, got "${value}"`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`${name} must be an http(s) URL`);
  // Never echo the value here: it may carry a password.
  if (u.username || u.password) throw new Error(`${name} must not contain a user or password (use the key variables)`);
  if (u.search || u.hash) throw new Error(`${name} must not have a query or a fragment, got "${value}"`);
  return value.replace(/\/+$/, '');
}

/** '' or segments of letters, digits, '.', '_', '-', each followed by '/' (a missing final '/' is added). */
function keyPrefix(value: string | undefined): string {
  const v = (value ?? '').trim().replace(/^\/+/, '');
  if (!v) return '';
  const withSlash = v.endsWith('/') ? v : `${v}/`;
  const segments = withSlash.slice(0, -1).split('/');
  if (segments.some((s) => !/^[A-Za-z0-9._-]+$/.test(s) || s === '.' || s === '..')) {
    throw new Error(
      `AIRCARE_S3_PREFIX must be folder names of letters, digits, ".", "_" or "-" separated by "/", got "${value}"`,
    );
  }
  return withSlash;
}

export function loadFieldConfig(env: NodeJS.ProcessEnv = process.env): FieldConfig {
  const store =
    env.AIRCARE_PHOTO_STORE === undefined || env.AIRCARE_PHOTO_STORE === '' ? 'disk' : env.AIRCARE_PHOTO_STORE;
  if (store === 'disk') return { photos: { store: 'disk' } };
  if (store !== 's3') throw new Error(`AIRCARE_PHOTO_STORE must be disk or s3, got "${store}"`);

  const endpoint = endpointUrl('AIRCARE_S3_ENDPOINT', required(env, 'AIRCARE_S3_ENDPOINT'));
  const bucket = required(env, 'AIRCARE_S3_BUCKET');
  const accessKeyId = required(env, 'AIRCARE_S3_ACCESS_KEY_ID');
  // Not trimmed nor echoed: the secret is used exactly as given.
  const secretAccessKey = env.AIRCARE_S3_SECRET_ACCESS_KEY ?? '';
  if (!secretAccessKey.trim()) throw new Error('AIRCARE_S3_SECRET_ACCESS_KEY is required with AIRCARE_PHOTO_STORE=s3');
  if (/\s/.test(secretAccessKey)) throw new Error('AIRCARE_S3_SECRET_ACCESS_KEY must not contain spaces or newlines');
  if (/\s/.test(accessKeyId)) throw new Error('AIRCARE_S3_ACCESS_KEY_ID must not contain spaces');
  const region = (env.AIRCARE_S3_REGION ?? '').trim() || 'us-east-1';
  if (!/^[a-z0-9-]{1,64}$/.test(region)) {
    throw new Error(`AIRCARE_S3_REGION must be a region name such as us-east-1 or ap-guangzhou, got "${region}"`);
  }
  // S3's bucket naming rules (also those of OSS, COS and MinIO): 3–63 lower-case letters, digits, '.' and '-'.
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) || bucket.includes('..')) {
    throw new Error(
      `AIRCARE_S3_BUCKET must be a bucket name (3–63 lower-case letters, digits, "." or "-"), got "${bucket}"`,
    );
  }
  const forcePathStyle = bool('AIRCARE_S3_FORCE_PATH_STYLE', env.AIRCARE_S3_FORCE_PATH_STYLE, true);
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
  if (!forcePathStyle && (isIP(host) || host === 'localhost')) {
    throw new Error(
      'AIRCARE_S3_FORCE_PATH_STYLE=false needs an endpoint with a domain name (the bucket becomes a subdomain of it)',
    );
  }
  return {
    photos: {
      store: 's3',
      s3: {
        endpoint,
        region,
        bucket,
        accessKeyId,
        secretAccessKey,
        forcePathStyle,
        prefix: keyPrefix(env.AIRCARE_S3_PREFIX),
        sse: bool('AIRCARE_S3_SSE', env.AIRCARE_S3_SSE, false),
      },
    },
  };
}

/** The configured photo store: files under the data directory, or the S3-compatible bucket. */
export function photoStoreFrom(config: FieldConfig, dataDir: string): PhotoStore {
  return config.photos.store === 's3' ? s3PhotoStore(config.photos.s3) : diskPhotoStore(dataDir);
}
