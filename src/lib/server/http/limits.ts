/** Largest JSON body the server reads: a full sync push of 1,000 events is about 250 KB. */
export const MAX_JSON_BYTES = 1_000_000;
