import cliProgress from 'cli-progress';

/**
 * A progress bar on stderr for long work; where stderr is not a terminal (CI, logs) a line every
 * few seconds instead, so a long import is never silent.
 */
export function progressBar(label: string, unit: string) {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {detail}`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(value: number, total: number, detail = '') {
        if (!started) bar.start(total, 0, { detail });
        started = true;
        bar.setTotal(total);
        bar.update(value, { detail });
      },
      stop: () => started && bar.stop(),
    };
  }
  let last = 0;
  let finished = false;
  return {
    update(value: number, total: number, detail = '') {
      if (finished || (Date.now() - last < 2000 && value < total)) return;
      last = Date.now();
      finished = value >= total;
      process.stderr.write(`${label}: ${Math.round((100 * value) / Math.max(total, 1))}% (${value}/${total} ${unit}) ${detail}\n`);
    },
    stop() {},
  };
}
