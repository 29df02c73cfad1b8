import { CODE_LENGTH, isCompleteCode, normaliseCode } from '../booking-code';

// QR scanning where the browser has BarcodeDetector and the device a camera.

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options?: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

export const Detector = (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;

/** Feature detection once, when the chunk loads (long before a citizen presses the button). */
export const scanSupport: Promise<boolean> = (async () => {
  if (!Detector || !navigator.mediaDevices?.getUserMedia || !navigator.mediaDevices.enumerateDevices) return false;
  try {
    const [formats, devices] = await Promise.all([Detector.getSupportedFormats(), navigator.mediaDevices.enumerateDevices()]);
    return formats.includes('qr_code') && devices.some((d) => d.kind === 'videoinput');
  } catch {
    return false;
  }
})();
let supported = false;
void scanSupport.then((ok) => (supported = ok));

/** Known yet to be able to scan (false until the detection above has answered). */
export function canScan(): boolean {
  return supported;
}

/** The booking code a QR holds: exactly the 8 characters (grouped or not), or null for any other QR. */
export function codeInQr(rawValue: string): string | null {
  const value = normaliseCode(rawValue);
  return isCompleteCode(value) && rawValue.replace(/[\s-]/g, '').length === CODE_LENGTH ? value : null;
}
