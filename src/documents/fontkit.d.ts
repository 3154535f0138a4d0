/** The little of fontkit (PDFKit's font engine) the PDF renderer uses: parse a font once, reuse it. */
declare module "fontkit" {
  /** A parsed font; PDFKit accepts it wherever it takes a font file. */
  export interface Font {
    readonly postscriptName: string;
    layout(text: string): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
