// Entry bundled for the IndexedDB benchmark: the app's real local-store code, in the browser.
import { LocalDatabase } from '../../src/lib/local/db';
import { recordReview } from '../../src/lib/local/progress';

Object.assign(window, { __bench: { LocalDatabase, recordReview } });
