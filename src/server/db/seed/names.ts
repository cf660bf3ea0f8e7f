/** Deterministic, believable Chinese names for the demo company (no randomness between runs). */
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '梁'];
const GIVEN = [
  '伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '华', '建国', '志强', '海燕',
  '俊杰', '晓东', '国栋', '家豪', '文博', '子轩', '嘉怡', '伟明', '少华', '永康', '锦辉', '振宇', '浩然', '立新', '卫东', '春生',
  '德明', '宏伟', '建华', '金龙',
];

export function demoName(i: number): string {
  const s = SURNAMES[i % SURNAMES.length] as string;
  const g = GIVEN[(i * 7 + 3) % GIVEN.length] as string;
  return s + g;
}
