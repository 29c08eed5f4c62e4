import type { Jurisdiction } from '@anjian/persistence';

/**
 * 行政区划 (administrative divisions, GB/T 2260 codes) known to the system: the demo province 山西
 * (Shanxi) with 太原 (Taiyuan) and its districts, every prefecture-level city of Shanxi, 新疆 (Xinjiang),
 * where the policy and calendar tests live, and 北京 (Beijing). Parents come before their children.
 * Two codes are kept only because tests use them: 654100 (伊犁地区, abolished 2001) and 650300 (not
 * a real division). Administrators add further divisions; loadSeeds only adds what is missing.
 */
const j = (code: string, nameZh: string, nameEn: string, parent: string | null): Jurisdiction => ({ code, nameZh, nameEn, parent });

export const JURISDICTIONS: readonly Jurisdiction[] = [
  j('000000', '全国', 'National', null),

  j('110000', '北京市', 'Beijing', '000000'),
  j('110100', '北京市市辖区', 'Beijing (districts)', '110000'),
  j('110101', '东城区', 'Dongcheng District, Beijing', '110100'),
  j('110102', '西城区', 'Xicheng District, Beijing', '110100'),

  j('140000', '山西省', 'Shanxi Province', '000000'),
  j('140100', '太原市', 'Taiyuan', '140000'),
  j('140105', '小店区', 'Xiaodian District, Taiyuan', '140100'),
  j('140106', '迎泽区', 'Yingze District, Taiyuan', '140100'),
  j('140107', '杏花岭区', 'Xinghualing District, Taiyuan', '140100'),
  j('140108', '尖草坪区', 'Jiancaoping District, Taiyuan', '140100'),
  j('140109', '万柏林区', 'Wanbailin District, Taiyuan', '140100'),
  j('140110', '晋源区', 'Jinyuan District, Taiyuan', '140100'),
  j('140121', '清徐县', 'Qingxu County, Taiyuan', '140100'),
  j('140122', '阳曲县', 'Yangqu County, Taiyuan', '140100'),
  j('140123', '娄烦县', 'Loufan County, Taiyuan', '140100'),
  j('140181', '古交市', 'Gujiao, Taiyuan', '140100'),
  j('140200', '大同市', 'Datong', '140000'),
  j('140213', '平城区', 'Pingcheng District, Datong', '140200'),
  j('140214', '云冈区', 'Yungang District, Datong', '140200'),
  j('140300', '阳泉市', 'Yangquan', '140000'),
  j('140400', '长治市', 'Changzhi', '140000'),
  j('140500', '晋城市', 'Jincheng', '140000'),
  j('140600', '朔州市', 'Shuozhou', '140000'),
  j('140700', '晋中市', 'Jinzhong', '140000'),
  j('140702', '榆次区', 'Yuci District, Jinzhong', '140700'),
  j('140703', '太谷区', 'Taigu District, Jinzhong', '140700'),
  j('140800', '运城市', 'Yuncheng', '140000'),
  j('140900', '忻州市', 'Xinzhou', '140000'),
  j('141000', '临汾市', 'Linfen', '140000'),
  j('141002', '尧都区', 'Yaodu District, Linfen', '141000'),
  j('141100', '吕梁市', 'Lüliang', '140000'),
  j('141102', '离石区', 'Lishi District, Lüliang', '141100'),

  j('650000', '新疆维吾尔自治区', 'Xinjiang Uygur Autonomous Region', '000000'),
  j('650100', '乌鲁木齐市', 'Ürümqi', '650000'),
  j('650101', '乌鲁木齐市市辖区', 'Ürümqi (districts)', '650100'),
  j('650102', '天山区', 'Tianshan District, Ürümqi', '650100'),
  j('650103', '沙依巴克区', 'Saybag District, Ürümqi', '650100'),
  j('650104', '新市区', 'Xinshi District, Ürümqi', '650100'),
  j('650105', '水磨沟区', 'Shuimogou District, Ürümqi', '650100'),
  j('650106', '头屯河区', 'Toutunhe District, Ürümqi', '650100'),
  j('650107', '达坂城区', 'Dabancheng District, Ürümqi', '650100'),
  j('650109', '米东区', 'Midong District, Ürümqi', '650100'),
  j('650121', '乌鲁木齐县', 'Ürümqi County', '650100'),
  j('650200', '克拉玛依市', 'Karamay', '650000'),
  j('650202', '独山子区', 'Dushanzi District, Karamay', '650200'),
  j('650203', '克拉玛依区', 'Karamay District', '650200'),
  j('650300', '测试地区（非真实区划）', 'Test prefecture (not a real division)', '650000'),
  j('650301', '测试县（非真实区划）', 'Test county (not a real division)', '650300'),
  j('654000', '伊犁哈萨克自治州', 'Ili Kazakh Autonomous Prefecture', '650000'),
  j('654002', '伊宁市', 'Yining', '654000'),
  j('654003', '奎屯市', 'Kuytun', '654000'),
  j('654100', '伊犁地区（已撤销）', 'Ili Prefecture (abolished 2001)', '650000'),
  j('659000', '自治区直辖县级行政区划', 'County-level divisions under the autonomous region', '650000'),
];
