// Entry bundled by local-store-bundle.ts: the app's real local-store code, in the browser.
import { LocalDatabase } from '../../src/lib/local/db';
import { recordRemoteReviews, recordReview } from '../../src/lib/local/progress';

Object.assign(window, { __bench: { LocalDatabase, recordReview, recordRemoteReviews } });
