/** A progress display for long work: an ink bar when a person watches, nothing for cron and pipes. */
export interface Progress {
  update(done: number, note?: string): void;
  finish(): void;
}

const SILENT: Progress = { update() {}, finish() {} };

/**
 * Start a progress bar on stderr when it is a terminal. ink and React load only then, so batch
 * runs never pay for them.
 *
 * @example
 * const p = await startProgress('importing sales history', 1_000_000);
 * p.update(50_000); … p.finish();
 */
export async function startProgress(title: string, total?: number): Promise<Progress> {
  if (!process.stderr.isTTY || process.env.CI) return SILENT;
  const [{ render, Box, Text }, React] = await Promise.all([import('ink'), import('react')]);
  const h = React.createElement;
  const started = Date.now();
  const view = (done: number, note: string) => {
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    const rate = Math.round(done / seconds);
    const share = total ? Math.min(1, done / total) : 0;
    const width = 30;
    const bar = total
      ? `${'█'.repeat(Math.round(share * width))}${'░'.repeat(width - Math.round(share * width))} ${(share * 100).toFixed(0)}%`
      : '';
    return h(
      Box,
      { gap: 1 },
      h(Text, { color: 'cyan' }, title),
      bar ? h(Text, null, bar) : null,
      h(
        Text,
        { dimColor: true },
        `${done.toLocaleString('en')}${total ? ` / ${total.toLocaleString('en')}` : ''} · ${rate.toLocaleString('en')}/s${note ? ` · ${note}` : ''}`,
      ),
    );
  };
  const app = render(view(0, ''), {
    stdout: process.stderr as unknown as NodeJS.WriteStream,
    patchConsole: false,
    exitOnCtrlC: true,
  });
  let last = 0;
  return {
    update(done, note = '') {
      const now = Date.now();
      if (now - last < 100) return; // ten frames a second is plenty
      last = now;
      app.rerender(view(done, note));
    },
    finish() {
      app.unmount();
    },
  };
}
