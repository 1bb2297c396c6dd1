/**
 * Docker Compose's variable interpolation, as `docker compose` applies it to a value of the
 * file: `$$` is a literal `$`; `${VAR}` / `$VAR`; `${VAR:-default}` (unset or empty) and
 * `${VAR-default}` (unset); `${VAR:?message}` / `${VAR?message}` refuse to go on;
 * `${VAR:+alternative}` / `${VAR+alternative}`. Defaults are taken literally (no nesting).
 */
export function interpolate(value: string, variables: Record<string, string | undefined>): string {
  return value.replace(/\$(?:(\$)|\{([A-Za-z_]\w*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_]\w*))/g, (_, dollar: string | undefined, braced: string | undefined, operator: string | undefined, argument: string | undefined, bare: string | undefined) => {
    if (dollar) return '$';
    const name = (braced ?? bare)!;
    const set = variables[name];
    const present = operator?.startsWith(':') ? set !== undefined && set !== '' : set !== undefined;
    switch (operator?.replace(':', '')) {
      case '-':
        return present ? set! : argument!;
      case '?':
        if (!present) throw new Error(`compose refuses to start: ${name}: ${argument}`);
        return set!;
      case '+':
        return present ? argument! : '';
      default:
        return set ?? '';
    }
  });
}

/** A service's `environment` (map or `KEY=value` list) with every value interpolated. */
export function serviceEnvironment(environment: Record<string, unknown> | string[] | undefined, variables: Record<string, string | undefined>): Record<string, string> {
  const entries: [string, string][] = Array.isArray(environment)
    ? environment.map((item) => {
      const at = item.indexOf('=');
      return at < 0 ? [item, variables[item] ?? ''] : [item.slice(0, at), item.slice(at + 1)];
    })
    : Object.entries(environment ?? {}).map(([key, value]) => [key, value === null || value === undefined ? variables[key] ?? '' : String(value)]);
  return Object.fromEntries(entries.map(([key, value]) => [key, interpolate(value, variables)]));
}
