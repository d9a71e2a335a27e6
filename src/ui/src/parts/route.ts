import { useEffect, useState } from 'preact/hooks';

/** The current hash route split into parts: `#/tasks/ID` → ['tasks', 'ID']. */
export function useRoute(): string[] {
  const read = (): string[] => location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [parts, setParts] = useState(read);
  useEffect(() => {
    const on = (): void => setParts(read());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return parts;
}

/** Goes to a hash route. */
export function go(path: string): void {
  location.hash = '#/' + path;
}
