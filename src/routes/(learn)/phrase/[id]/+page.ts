import type { PageLoad } from './$types';

// A QR label on equipment opens this: any item of any set the phone has, so not prerendered.
export const prerender = false;

export const load: PageLoad = ({ params }) => ({ id: params.id });
