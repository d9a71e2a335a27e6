/** What the screens give the text editor (index.tsx) and it gives the rich part (rich-text.tsx). */
export interface ImageUpload {
  /** Uploads dropped or picked pictures; the screen puts each into the text when it is in. */
  upload(files: File[]): void;
  /** The address to show a picture named in the text by its file name (`menu-ab12.png`). */
  urlOf(src: string): string;
}

/**
 * Where the screen puts a picture once it is uploaded: the rich part sets `current` while it is
 * shown (the picture goes in at her cursor, issue 15); unset, the screen edits the Markdown.
 */
export interface ImagePlace {
  current: ((src: string, alt: string) => void) | undefined;
}

/** Props of the rich part. */
export interface RichTextProps {
  id: string;
  labelId: string;
  describedBy?: string | undefined;
  /** The text as Markdown. */
  value: string;
  onChange(markdown: string): void;
  onBlur?: (() => void) | undefined;
  error?: string | undefined;
  disabled?: boolean | undefined;
  imageUpload?: ImageUpload | undefined;
  imagePlace?: ImagePlace | undefined;
}
