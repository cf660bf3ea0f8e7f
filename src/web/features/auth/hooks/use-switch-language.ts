import type { Locale } from '@shared/errors';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useErrorNotice } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { useCallback } from 'react';
import { meQuery, meQueryKey } from '../api/get-me';
import { useUpdateMyPreferences } from '../api/update-my-preferences';

/**
 * Switch the UI language. Before login it is remembered in this browser only; after login it is
 * also saved for the user (PATCH /api/auth/me), so it follows them to other devices.
 */
export function useSwitchLanguage() {
  const { lang, setLang } = useI18n();
  const queryClient = useQueryClient();
  const { data: me } = useQuery(meQuery);
  const { mutate, isPending } = useUpdateMyPreferences();
  const notify = useErrorNotice();

  const switchTo = useCallback(
    (next: Locale) => {
      if (next === lang) return;
      setLang(next);
      if (!me) return;
      // Optimistic: the auth gate adopts me.language, so update it first to avoid a flip back.
      queryClient.setQueryData(meQueryKey, { ...me, language: next });
      mutate(
        { language: next },
        {
          onError: (error) => {
            notify(error);
            void queryClient.invalidateQueries({ queryKey: meQueryKey });
          },
        },
      );
    },
    [lang, setLang, me, queryClient, mutate, notify],
  );

  return { lang, switchTo, saving: isPending };
}
