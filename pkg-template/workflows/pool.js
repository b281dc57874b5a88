// Bounded concurrency and cancellation for the workflows.

/** The error an aborted workflow rejects with: the signal's reason, else an `AbortError`. */
export function abortError(signal) {
  if (signal?.reason instanceof Error) return signal.reason;
  const error = new Error('The workflow was aborted');
  error.name = 'AbortError';
  return error;
}

/** Throws when `signal` is aborted. */
export function throwIfAborted(signal) {
  if (signal?.aborted) throw abortError(signal);
}

/** Resolves after `ms` milliseconds, or rejects as soon as `signal` aborts. */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) { reject(abortError(signal)); return; }
    const onAbort = () => { clearTimeout(timer); reject(abortError(signal)); };
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `work(item, index)` over `items`, at most `concurrency` at once, in order of start. Once
 * `signal` aborts, no further item starts; items already started finish (their calls see the
 * same signal). Resolves when every started item has settled; rejects with the first error a
 * `work` throws (other started items still settle first).
 */
export async function pool(items, concurrency, signal, work) {
  const limit = Math.max(1, Math.min(64, Math.floor(Number(concurrency)) || 1));
  let next = 0;
  let failure = null;
  const worker = async () => {
    while (next < items.length && !signal?.aborted && !failure) {
      const i = next;
      next += 1;
      try {
        await work(items[i], i);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
  return next;
}
