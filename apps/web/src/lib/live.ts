import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, type Submission, unwrap, wsUrl } from '../api/client';
import { LiveSocket, type SocketLike } from './live-socket';
import { isFinal, mergeByRevision } from './merge-frames';

/** The page's one WebSocket (exposed as `window.ojLiveSocket` for diagnostics and tests). */
export const liveSocket = new LiveSocket(wsUrl, (url) => new WebSocket(url) as unknown as SocketLike);
(window as unknown as { ojLiveSocket: LiveSocket }).ojLiveSocket = liveSocket;

export const submissionKey = (id: string) => ['submission', id] as const;

/**
 * A submission kept live: read once over REST, then every frame from the WebSocket merged in by
 * `revision` (a late frame or a slower GET never rolls it back). Stops watching once final.
 */
export function useLiveSubmission(id: string | undefined): { data?: Submission; error?: string } {
  const queryClient = useQueryClient();
  const [socketError, setSocketError] = useState<string>();
  const q = useQuery({
    queryKey: submissionKey(id ?? ''),
    enabled: !!id,
    staleTime: Infinity,
    queryFn: async () => {
      const fresh = await unwrap(api.GET('/api/v1/submissions/{id}', { params: { path: { id: id! } } }));
      return mergeByRevision(queryClient.getQueryData<Submission>(submissionKey(id!)), fresh);
    },
  });
  const final = isFinal(q.data);
  useEffect(() => {
    if (!id || final) return;
    return liveSocket.watch(id, {
      // A frame is the same SubmissionView the REST answer is (DESIGN.md), typed from libs/contracts.
      onSubmission: (v) => queryClient.setQueryData<Submission>(submissionKey(id), (old) => mergeByRevision(old, v as unknown as Submission)),
      onError: setSocketError,
    });
  }, [id, final, queryClient]);
  return { data: q.data, error: q.error?.message ?? socketError };
}
