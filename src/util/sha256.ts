// The one sha256 of the project: hex digests of texts and bytes (bundle manifests, mark-table digests).
import * as crypto from 'node:crypto';

/** crypto.hash (Node 20.12 and later) hashes in one call, without a Hash object per file; fleets have thousands. */
const oneShotHash: typeof crypto.hash | undefined = crypto.hash;

/** Hex sha256 of a text (as UTF-8) or of bytes. */
export const sha256 = (data: string | Uint8Array): string =>
  oneShotHash ? oneShotHash('sha256', data, 'hex') : crypto.createHash('sha256').update(data).digest('hex');
