import { type CSSVariablesResolver, createTheme, type MantineColorsTuple } from '@mantine/core';

/** A deep institutional blue for the brand and primary actions. */
const navy: MantineColorsTuple = [
  '#eef3fb',
  '#dae3f3',
  '#b1c5e6',
  '#85a5da',
  '#6089cf',
  '#4878c9',
  '#3b6fc7',
  '#2d5eb0',
  '#24539e',
  '#1c3d6e',
];

export const theme = createTheme({
  primaryColor: 'navy',
  primaryShade: 8,
  colors: { navy },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "DejaVu Sans", "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace',
  defaultRadius: 'sm',
  headings: { fontWeight: '650' },
  components: {
    Button: { defaultProps: { size: 'sm' } },
    Tooltip: { defaultProps: { openDelay: 250 } },
    Badge: { defaultProps: { radius: 'sm' }, styles: { root: { textTransform: 'none', fontWeight: 600 } } },
  },
});

/** WCAG AA contrast for secondary text: Mantine's default dimmed grey is too light for small type. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-placeholder': '#6c747c',
    // Light badges and alerts: the darkest shade of each colour for readable small text.
    ...Object.fromEntries(
      ['teal', 'orange', 'red', 'gray', 'navy', 'blue', 'green', 'yellow'].map((c) => [
        `--mantine-color-${c}-light-color`,
        `var(--mantine-color-${c}-9)`,
      ]),
    ),
  },
  dark: {},
});
