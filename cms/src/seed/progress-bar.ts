// A one-line progress bar with rate and ETA; plain periodic lines when not on a terminal (CI logs).
export function createProgressBar(label: string, total: number) {
  const started = Date.now();
  const tty = Boolean(process.stdout.isTTY);
  let lastPrinted = -1;
  const render = (done: number) => {
    const secs = Math.max((Date.now() - started) / 1000, 0.001);
    const rate = done / secs;
    const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
    const width = 24;
    const filled = total ? Math.round((done / total) * width) : width;
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    return `[seed] ${label.padEnd(12)} ${bar} ${done}/${total} ${rate.toFixed(0)}/s ETA ${eta}s`;
  };
  return {
    tick(done: number) {
      if (tty) {
        process.stdout.write(`\r${render(done)}`);
        return;
      }
      const decile = total ? Math.floor((done / total) * 10) : 10;
      if (decile !== lastPrinted) {
        lastPrinted = decile;
        console.log(render(done));
      }
    },
    finish(done: number) {
      if (tty) process.stdout.write(`\r${render(done)}\n`);
      else if (lastPrinted !== 10) console.log(render(done));
    },
  };
}
