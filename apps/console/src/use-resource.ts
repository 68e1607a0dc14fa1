// A GET of /console/api as component state: data, the error, and a reload after a change.
import { useCallback, useEffect, useState } from 'react';
import { get } from './api/client.js';

export interface Resource<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
  reload(): void;
}

export function useResource<T>(path: string | null): Resource<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (path === null) return;
    let current = true;
    setLoading(true);
    setError(null);
    get<T>(path)
      .then(
        (d) => {
          if (current) setData(d);
        },
        (e: unknown) => {
          if (current) setError(e instanceof Error ? e : new Error(String(e)));
        },
      )
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [path, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, loading, reload };
}
