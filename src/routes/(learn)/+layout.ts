// The participant app is a prerendered shell: all data lives on the phone, so it works offline.
export const ssr = false;
export const prerender = true;
