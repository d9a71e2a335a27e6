import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';

/**
 * A file field in her language. The browser's own one speaks the browser's language ("Choose
 * File", "No file chosen" on a Czech screen): it stays, hidden, for the label and the files,
 * and a button with her words opens it; beside it the chosen file's name or `none`.
 * `field` is what `Field` gives its control (id, described-by).
 */
export function FilePick(props: {
  field: object;
  name: string;
  accept: string;
  button: string;
  none: string;
  onChange: (e: Event) => void;
}): JSX.Element {
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState('');
  return (
    <div class="file-pick">
      <input
        {...props.field}
        ref={input}
        class="visually-hidden"
        tabIndex={-1}
        name={props.name}
        type="file"
        accept={props.accept}
        onChange={(e) => {
          const files = (e.currentTarget as HTMLInputElement).files;
          setChosen(files?.[0]?.name ?? '');
          props.onChange(e);
        }}
      />
      <button type="button" onClick={() => input.current?.click()}>
        {props.button}
      </button>
      <span class="meta">{chosen || props.none}</span>
    </div>
  );
}
