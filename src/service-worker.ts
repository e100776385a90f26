/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `arbeidsnorsk-${version}`;
/** The app shell, every content pack and every language: all a participant needs offline. */
const PRECACHE = [...new Set([...build, ...files, ...prerendered])];
const precached = new Set(PRECACHE);
/** Served for participant-app addresses that were not prerendered (e.g. a teacher's set). */
const SHELL = '/';
const OFFLINE = '/offline';
/** Teachers' photos and recordings: immutable, kept across app versions, fetched once. */
const MEDIA_CACHE = 'arbeidsnorsk-media';
/** Staff pages and the API hold other people's data: never cached, always from the network. */
const NETWORK_ONLY = /^\/(api|teach|coach|workplace|admin|login|logout)(\/|$)/;

sw.addEventListener('install', (event) => {
	// No skipWaiting here: a new version waits until the learner taps "update".
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE && key !== MEDIA_CACHE) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin || NETWORK_ONLY.test(url.pathname)) return;
	event.respondWith(respond(request, url));
});

async function respond(request: Request, url: URL): Promise<Response> {
	if (url.pathname.startsWith('/media/')) return mediaFirst(request);
	const cache = await caches.open(CACHE);
	if (precached.has(url.pathname)) {
		const hit = await cache.match(url.pathname);
		if (hit) return hit;
	}
	try {
		return await fetch(request);
	} catch (error) {
		if (request.mode === 'navigate') {
			const fallback = (await cache.match(SHELL)) ?? (await cache.match(OFFLINE));
			if (fallback) return fallback;
		}
		throw error;
	}
}

async function mediaFirst(request: Request): Promise<Response> {
	const cache = await caches.open(MEDIA_CACHE);
	const hit = await cache.match(request);
	if (hit) return hit;
	const response = await fetch(request);
	if (response.ok) await cache.put(request, response.clone());
	return response;
}
