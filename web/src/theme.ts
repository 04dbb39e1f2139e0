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
  respectReducedMotion: true,
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
    // Field errors: Mantine's red-6 has 3.3:1 on white; red-9 has 6:1.
    '--mantine-color-error': '#c92a2a',
    '--mantine-color-placeholder': '#6c747c',
    // Light badges and alerts: darker text than Mantine's default, for 4.5:1 on the tinted background.
    '--mantine-color-teal-light-color': '#06604a',
    '--mantine-color-orange-light-color': '#9a3a05',
    '--mantine-color-red-light-color': '#a61e1e',
    '--mantine-color-gray-light-color': '#3d4349',
    '--mantine-color-navy-light-color': '#1c3d6e',
    '--mantine-color-blue-light-color': '#135090',
    '--mantine-color-green-light-color': '#1b5e27',
    '--mantine-color-yellow-light-color': '#6b4f00',
  },
  dark: {},
});
