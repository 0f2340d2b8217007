// A progress line on stderr for large builds, on a terminal only: never in a pipe, a log file or under CI.

/** Builds of more hosts than this show a progress line. */
export const PROGRESS_MIN_HOSTS = 1000;

/** One line rewritten in place on stderr, cleared by {@link Progress.done}. */
export class Progress {
  private constructor(private readonly stream: NodeJS.WriteStream) {}

  /**
   * The progress of writing a compiled bundle of `hosts` hosts and `files` files, or undefined when no line
   * is shown: stderr is not a TTY, `CI` is set, TERM is dumb, or the build is small enough to be quick.
   */
  static forBuild(hosts: number, files: number, stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): Progress | undefined {
    if (!Progress.enabled(hosts, stream, env)) return undefined;
    const progress = new Progress(stream);
    progress.show(`lvscc: compiled ${hosts} hosts; writing ${files} files...`);
    return progress;
  }

  /** True when a build of `hosts` hosts shows a progress line on `stream`. */
  static enabled(hosts: number, stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
    const ci = env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI.toLowerCase() !== 'false';
    return hosts > PROGRESS_MIN_HOSTS && Boolean(stream.isTTY) && !ci && env.TERM !== 'dumb';
  }

  /** Replaces the line's text. */
  show(text: string): void {
    this.stream.write(`\r\x1b[K${text}`);
  }

  /** Clears the line, leaving the terminal as it was. */
  done(): void {
    this.stream.write('\r\x1b[K');
  }
}
