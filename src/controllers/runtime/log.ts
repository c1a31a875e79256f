/** Where the runtime reports what it cannot return to anyone (a failed sync, a failed list). */
export type Log = (message: string) => void;

/** The default: one line on stderr. */
export const stderrLog: Log = (message) => console.error(message);
