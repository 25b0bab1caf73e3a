// Calls that arrive in the same turn of the event loop (a class tapping at once) are answered by one
// piece of work: the batch is taken on the next turn, read together, and each caller gets its own
// answer. Nothing is kept after the answer, so every call still sees the data as it is when it is read.

type Waiting<A, R> = { arg: A; resolve: (answer: R) => void; reject: (error: unknown) => void };

/** `read` gets every argument of the batch, in order, and returns one answer for each, in the same order. */
export function batchedPerTurn<A, R>(read: (args: A[]) => Promise<R[]>, maxPerBatch = 200): (arg: A) => Promise<R> {
  let pending: Waiting<A, R>[] | null = null;
  return (arg) =>
    new Promise<R>((resolve, reject) => {
      if (!pending) {
        const batch: Waiting<A, R>[] = [];
        pending = batch;
        setImmediate(() => {
          if (pending === batch) pending = null;
          read(batch.map((waiting) => waiting.arg)).then(
            (answers) => batch.forEach((waiting, i) => waiting.resolve(answers[i]!)),
            (error: unknown) => batch.forEach((waiting) => waiting.reject(error)),
          );
        });
      }
      pending.push({ arg, resolve, reject });
      if (pending.length >= maxPerBatch) pending = null;
    });
}
