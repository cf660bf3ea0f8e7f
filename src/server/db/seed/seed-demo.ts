import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import type { Role } from '@shared/domain/roles';
import { createBranch, createUser, DEMO_PASSWORD } from '../../modules/identity';
import { demoName } from './names';

export const DEMO_LOGINS: { username: string; role: Role; branch: 'TH' | 'HZ' | null }[] = [
  { username: 'admin', role: 'admin', branch: null },
  { username: 'agent1', role: 'agent', branch: 'TH' },
  { username: 'dispatcher1', role: 'dispatcher', branch: 'TH' },
  { username: 'warehouse1', role: 'warehouse', branch: 'TH' },
  { username: 'head1', role: 'head', branch: 'TH' },
  { username: 'finance1', role: 'finance', branch: 'TH' },
  { username: 'manager1', role: 'manager', branch: 'TH' },
  { username: 'auditor1', role: 'auditor', branch: null },
  ...Array.from({ length: 40 }, (_, i) => ({
    username: `tech${String(i + 1).padStart(2, '0')}`,
    role: 'technician' as Role,
    branch: (i < 24 ? 'TH' : 'HZ') as 'TH' | 'HZ',
  })),
];

/**
 * The demo company: two branches in Guangzhou and one login per role (technicians tech01–tech40),
 * all with the password `aircare-demo`. Later issues add customers, orders, parts and so on.
 */
export async function seedDemo(ctx: Ctx, onProgress?: (msg: string) => void): Promise<{ th: string; hz: string }> {
  return withTransaction(ctx, async (tx) => {
    const th = await createBranch(tx, {
      code: 'GZ-TH',
      name: '广州天河服务网点',
      city: '广州',
      address: '广州市天河区天河北路 233 号中信广场附楼 2 层',
      phone: '020-38881234',
      timeZone: 'Asia/Shanghai',
    });
    const hz = await createBranch(tx, {
      code: 'GZ-HZ',
      name: '广州海珠服务网点',
      city: '广州',
      address: '广州市海珠区新港中路 397 号 B 座 1 层',
      phone: '020-84445678',
      timeZone: 'Asia/Shanghai',
    });
    onProgress?.('branches');
    const names: Record<string, string> = {
      admin: '系统管理员',
      agent1: '陈晓琳',
      dispatcher1: '黄志明',
      warehouse1: '梁国强',
      head1: '李建华',
      finance1: '周慧敏',
      manager1: '吴振宇',
      auditor1: '何静',
    };
    let i = 0;
    for (const login of DEMO_LOGINS) {
      await createUser(tx, {
        username: login.username,
        displayName: names[login.username] ?? demoName(i),
        password: DEMO_PASSWORD,
        roles: [login.role],
        branchId: login.branch === 'TH' ? th.id : login.branch === 'HZ' ? hz.id : null,
        demo: true,
      });
      i++;
    }
    onProgress?.(`${DEMO_LOGINS.length} users`);
    return { th: th.id, hz: hz.id };
  });
}
