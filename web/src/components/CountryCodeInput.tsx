import { TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { countryName } from '../i18n/format';

type Props = Omit<TextInputProps, 'value' | 'onChange' | 'placeholder'> & {
  value: string;
  onChange: (code: string) => void;
};

/**
 * A two-letter ISO 3166-1 code typed by hand. Once two letters are in, the country's name
 * shows beneath, so that a slip (SN for SE) is seen before it is saved. No placeholder: a
 * greyed "KE" in an empty field was read as a value already there.
 */
export function CountryCodeInput({ value, onChange, description, ...props }: Props) {
  const { t } = useTranslation();
  const name = value.length === 2 ? countryName(value) : '';
  return (
    <TextInput
      {...props}
      value={value}
      onChange={(e) =>
        onChange(
          e.currentTarget.value
            .toUpperCase()
            .replace(/[^A-Z]/g, '')
            .slice(0, 2),
        )
      }
      description={
        name && name !== value ? name : description === undefined ? t('fieldHelp.country') : description
      }
      maxLength={2}
      className="mono-input"
      dir="ltr"
      autoComplete="off"
      spellCheck={false}
    />
  );
}
