import type { PageLoad } from './$types';

// Teachers' own sets arrive after the build, so this page is a shell that reads the set on the phone.
export const prerender = false;

export const load: PageLoad = ({ params }) => ({ id: params.id });
