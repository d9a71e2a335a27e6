/**
 * Where things go on a letter's page, in PDF points (1/72 inch). The window position follows
 * DIN 5008 form B, which ČSN 01 6910 uses too: the address field starts 45 mm from the top and
 * 20 mm from the left edge, 85 × 45 mm; its upper 17.7 mm hold the return line, the lower
 * 27.3 mm the recipient's address (at most 6 lines). Folded in three (marks at 105 and 210 mm)
 * it sits in the window of a DL or C5/6 window envelope (window 20 mm from the left, 45 mm from
 * the top edge of the folded sheet). US Letter keeps the same offsets: a No. 10 window envelope
 * has its window in about the same place, but US envelopes vary, so check one before printing.
 */
import type { LetterheadSettings } from './letterhead-schema.js';

/** Points per millimetre. */
export const MM = 72 / 25.4;

/** A rectangle in points from the page's top-left corner. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The places on a letter's pages. */
export interface PageGeometry {
  size: [number, number];
  /** Left and right text margins (DIN 5008: 25 mm and 20 mm). */
  left: number;
  right: number;
  /** Where body text ends on every page (above the footer and the page number). */
  bottom: number;
  /** Top of the text on the second and later pages. */
  laterTop: number;
  logo: Box;
  sender: Box;
  /** The envelope window's whole address field (return line and recipient). */
  window: Box;
  /** The return line (small print) and the recipient's address inside the window. */
  returnLine: Box;
  recipient: Box;
  /** The date, number and references, right of the address. */
  info: Box;
  /** Where the subject line goes. */
  subjectY: number;
  footerY: number;
  /** Fold marks (y) and the hole-punch mark, drawn at the left edge. */
  marks: number[];
}

/** Font size of the address and the body, in points. */
export const TEXT_SIZE = 10.5;
/** Lines of the recipient's address (name included) that fit the window. */
export const WINDOW_LINES = 6;

/** The geometry for a letterhead's paper and address layout. */
export function pageGeometry(
  head: Pick<LetterheadSettings, 'paper' | 'addressLayout'>,
): PageGeometry {
  const size: [number, number] = head.paper === 'Letter' ? [612, 792] : [595.28, 841.89];
  const [width, height] = size;
  const din = head.addressLayout === 'din5008';
  const window: Box = { x: 20 * MM, y: (din ? 45 : 50) * MM, width: 85 * MM, height: 45 * MM };
  const inset = 5 * MM;
  return {
    size,
    left: 25 * MM,
    right: width - 20 * MM,
    bottom: height - 32 * MM,
    laterTop: 20 * MM,
    logo: { x: width - 20 * MM - 60 * MM, y: 10 * MM, width: 60 * MM, height: 20 * MM },
    sender: { x: 125 * MM, y: 32 * MM, width: width - 145 * MM, height: 28 * MM },
    window,
    returnLine: {
      x: window.x + inset,
      y: window.y + 12.7 * MM,
      width: 80 * MM - inset,
      height: 5 * MM,
    },
    recipient: {
      x: window.x + inset,
      y: window.y + 17.7 * MM,
      width: window.width - inset - 2 * MM,
      height: 27.3 * MM,
    },
    info: { x: 125 * MM, y: 62.7 * MM, width: width - 145 * MM, height: 27.3 * MM },
    subjectY: 100 * MM,
    footerY: height - 18 * MM,
    marks: din ? [105 * MM, 148.5 * MM, 210 * MM] : [],
  };
}
