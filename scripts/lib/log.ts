// Structured logs: one JSON line per event on stdout (for log shippers), and optionally a
// readable line for people watching a console (SHEQU_LOG_FORMAT=pretty).
export type LogFields = Record<string, unknown>;

export function createLogger(service: string) {
  const pretty = process.env.SHEQU_LOG_FORMAT === 'pretty';
  const write = (level: string, event: string, fields: LogFields = {}) => {
    const line = { time: new Date().toISOString(), level, service, event, ...fields };
    if (pretty) {
      const extra = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');
      (level === 'error' ? console.error : console.log)(`[${service}] ${event}${extra ? ` ${extra}` : ''}`);
    } else {
      (level === 'error' ? console.error : console.log)(JSON.stringify(line));
    }
  };
  return {
    info: (event: string, fields?: LogFields) => write('info', event, fields),
    warn: (event: string, fields?: LogFields) => write('warn', event, fields),
    error: (event: string, fields?: LogFields) => write('error', event, fields),
  };
}
export type Logger = ReturnType<typeof createLogger>;
