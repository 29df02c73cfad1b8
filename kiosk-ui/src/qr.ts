import { toString } from 'qrcode';

/** An SVG QR code (medium error correction survives a creased thermal print). */
export function qrSvg(text: string): Promise<string> {
  return toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
}
