/**
 * Threat reports "defang" indicators so that nobody clicks them: hxxp://evil[.]com,
 * 10[.]0[.]0[.]1, user[@]example[.]com. The defanged and live forms are the same indicator.
 */
const DEFANGED: [RegExp, string | ((match: string, ...groups: string[]) => string)][] = [
  [/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}/gi, '.'],
  [/\[@\]|\(@\)|\[at\]|\(at\)|\{at\}/gi, '@'],
  [/\[:\/\/\]/g, '://'],
  [/\[:\]/g, ':'],
  [/^hxxp(s?)(?=[:[])/i, (_, secure: string) => `http${secure.toLowerCase()}`],
  [/^fxp(?=[:[])/i, 'ftp'],
];

export function refang(value: string): string {
  let out = value.trim();
  for (const [pattern, replacement] of DEFANGED) {
    out =
      typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement);
  }
  return out;
}
