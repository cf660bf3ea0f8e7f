import { PhoneOutlined } from '@ant-design/icons';
import type { IncomingCall } from '@shared/contracts/channels.contract';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { useI18n } from '@web/lib/i18n';
import { App, Button, Flex } from 'antd';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { useMyIncomingCall } from './api/get-my-incoming-call';

const TEXT = {
  'zh-CN': {
    ringing: '来电',
    answered: '通话中',
    known: '老客户：{name}',
    unknown: '新来电（未建档）',
    take: '受理来电',
    card: '客户卡片',
  },
  'en-US': {
    ringing: 'Incoming call',
    answered: 'On the phone',
    known: 'Customer: {name}',
    unknown: 'New caller (not on file)',
    take: 'Take the call',
    card: 'Customer card',
  },
} as const;

/**
 * The agent's screen pop: polls `getMyIncomingCall` every 3 s (users who may create work orders only) and shows a
 * notification per call with buttons to the hotline page (`/intake/hotline?call=<callId>`, which prefills from
 * `useCallForHotline`) and, for a known caller, to the customer's card. Closed when the call ends.
 * Mount it once inside the staff layout (it needs the router and the logged-in user).
 */
export function IncomingCallNotifier() {
  const can = useCan();
  const enabled = can('workorders.create');
  const { data } = useMyIncomingCall(enabled);
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const { lang } = useI18n();
  const shown = useRef<{ callId: string; state: string } | null>(null);

  const current: IncomingCall | null = data?.call ?? null;
  useEffect(() => {
    const before = shown.current;
    if (!current) {
      if (before) notification.destroy(`call-${before.callId}`);
      shown.current = null;
      return;
    }
    if (before && before.callId === current.callId && before.state === current.state) return;
    if (before && before.callId !== current.callId) notification.destroy(`call-${before.callId}`);
    shown.current = { callId: current.callId, state: current.state };
    const t = TEXT[lang];
    const key = `call-${current.callId}`;
    const go = (to: string) => {
      notification.destroy(key);
      navigate(to);
    };
    notification.open({
      key,
      duration: 0,
      placement: 'topRight',
      icon: <PhoneOutlined style={{ color: '#1677ff' }} />,
      title: `${t[current.state]} ${current.callerMasked}`,
      description: current.customer ? t.known.replace('{name}', current.customer.nameMasked) : t.unknown,
      actions: (
        <Flex gap={8}>
          {current.customer && (
            <Button
              size="small"
              onClick={() => go(`/customers/${current.customer?.id}`)}
              data-testid="incoming-call-card"
            >
              {t.card}
            </Button>
          )}
          <Button type="primary" size="small" onClick={() => go(current.hotlineUrl)} data-testid="incoming-call-take">
            {t.take}
          </Button>
        </Flex>
      ),
      props: { 'data-testid': 'incoming-call' } as object,
    });
  }, [current, lang, navigate, notification]);

  return null;
}
