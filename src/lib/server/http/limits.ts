/** Largest JSON body the server reads: a full sync push of 1,000 events is about 250 KB. */
export const MAX_JSON_BYTES = 1_000_000;

/** Largest upload read at all (a resized photo); each kind has its own, smaller limit too. */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
