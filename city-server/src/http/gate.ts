/**
 * At most `size` holders at once; the rest wait in arrival order. A push waiting here has not had its
 * body read yet, so TCP holds it back: memory stays bounded however many halls push at once.
 */
export function createGate(size: number) {
  let inside = 0;
  const waiting: (() => void)[] = [];
  return {
    async enter(): Promise<() => void> {
      if (inside >= size) await new Promise<void>((resolve) => waiting.push(resolve));
      else inside += 1;
      let left = false;
      return () => {
        if (left) return;
        left = true;
        const next = waiting.shift();
        // The slot passes straight to the next waiter (inside stays the same).
        if (next) next();
        else inside -= 1;
      };
    },
    get inside() {
      return inside;
    },
    get waiting() {
      return waiting.length;
    },
  };
}
