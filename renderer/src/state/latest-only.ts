/**
 * Answers can come back out of order. `latestOnly()` gives a function that applies the answer
 * to the latest request only: an older answer arriving later is dropped, so what the window
 * shows never goes back to before something it has since learnt (an event, a newer answer).
 * A failed request applies nothing; the next event asks again.
 */
export function latestOnly(): <T>(request: Promise<T>, apply: (value: T) => void) => Promise<void> {
  let latest = 0;
  return (request, apply) => {
    const ticket = ++latest;
    return request.then(
      (value) => {
        if (ticket === latest) apply(value);
      },
      () => undefined,
    );
  };
}
