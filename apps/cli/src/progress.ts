/**
 * Progress on stderr: a redrawn bar on a terminal, a plain line every tenth otherwise (CI logs
 * and pipes get something readable, not carriage returns).
 */
export function progressReporter(label: string, stream: NodeJS.WriteStream = process.stderr): { update(done: bigint, total: bigint): void; end(): void } {
  const tty = stream.isTTY === true;
  let lastTenth = -1;
  let drawn = false;
  return {
    update(done, total) {
      const fraction = total === 0n ? 1 : Number(done) / Number(total);
      if (tty) {
        const width = 30;
        const filled = Math.round(fraction * width);
        stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(fraction * 100)}% ${done}/${total}`);
        drawn = true;
        return;
      }
      const tenth = Math.floor(fraction * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${label}: ${done}/${total} (${tenth * 10}%)\n`);
      }
    },
    end() {
      if (tty && drawn) stream.write('\n');
    },
  };
}
