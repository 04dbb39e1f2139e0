/**
 * Hokkien and Teochew readings of Chinese characters as Singapore, Malaysian, Philippine and
 * Indonesian documents spell them (李光耀 Lee Kuan Yew, 吳慶瑞 Goh Keng Swee, 陳嘉庚 Tan Kah
 * Kee): no one system, but the spellings of registration clerks, which families keep. A given
 * name written in characters gets these readings as variants when every character is listed,
 * so that it meets the Latin form an officer copies from a Singapore or Malaysian identity card
 * or passport. Surnames are in chinese.ts (陳 Tan, 吳 Goh, 張 Teo).
 *
 * One line per character group: its spellings, the commonest first, then `|` and the characters
 * (traditional and simplified). Spellings joined by `/` are one reading written two ways (Geok
 * and Giok, Teck and Tek): two Latin spellings so joined are one name without the character
 * too. Spellings separated by a space are different readings (Hokkien Kong, Teochew Kuang for
 * 光), which meet only through the character — as Lim and Lin meet only through 林.
 *
 * Only readings seen on documents of well-known bearers or common in these communities' names;
 * a character not listed gives no Hokkien reading (the name keeps its pinyin, Wade–Giles and
 * Cantonese forms).
 */
export const HOKKIEN_READINGS: readonly string[] = [
  // Given names of well-known bearers: 李光耀 Lee Kuan Yew, 李光前 Lee Kong Chian, 黃祖耀 Wee
  // Cho Yaw, 吳慶瑞 Goh Keng Swee, 張志賢 Teo Chee Hean, 吳作棟 Goh Chok Tong, 王瑞杰 Heng Swee
  // Keat, 陳慶炎 Tan Keng Yam, 林勛強 Lim Hng Kiang, 林金山 Lim Kim San, 陳篤生 Tan Tock Seng,
  // 胡文虎 Aw Boon Haw, 邱德拔 Khoo Teck Puat, 陳嘉庚 Tan Kah Kee, 杜進才 Toh Chin Chye.
  'kuan kong kuang | 光',
  'yew/yeow yaw yao | 耀',
  'keng | 慶 庆',
  'swee sui | 瑞',
  'chee chi | 志',
  'hean/hian | 賢 贤',
  'chok | 作',
  'tong | 棟 栋 東 东',
  'keat/kiat | 杰 傑',
  'yam | 炎',
  'hng | 勛 勳 勋',
  'kiong/keong kiang | 強 强',
  'san suan | 山',
  'tock | 篤 笃',
  'haw | 虎',
  'chian | 前',
  'puat | 拔',
  'cho | 祖',
  'kah ka | 嘉 家',
  'kee | 庚',
  'chin | 進 进 振',
  'chye/chai | 才 財 财',
  // Common given-name characters.
  'beng meng | 明',
  'boon bun | 文',
  'hwa/hua | 華 华',
  'kok | 國 国',
  'hock/hok | 福',
  'kim | 金',
  'teck/tek | 德',
  'soon | 順 顺',
  'huat | 發 发',
  'heng | 興 兴',
  'seng sing | 成',
  'seng | 勝 胜 生',
  'leong/liong loong | 龍 龙',
  'tiong | 忠 中',
  'hui | 輝 辉 慧 惠',
  'bee | 美',
  'geok/giok | 玉',
  'choo/chu | 珠',
  'lian/lean | 蓮 莲',
  'hong | 鳳 凤 芳',
  'siew/siu | 秀',
  'eng | 英 榮 荣 永',
  'lay | 麗 丽',
  'guat | 月',
  'mui buay | 梅',
  'guan | 源 元',
  'poh | 寶 宝 保',
  'chwee/chui | 水',
  'chuan | 泉 全 川',
  'peng | 平',
  'cheng | 清',
  'leng | 玲',
  'choon/chun | 春 俊',
  'hai | 海',
  'lam | 南',
  'ghee/gee | 義 义',
  'jin | 仁',
  'sin | 信',
  'ann/an | 安',
  'ah | 亞 亚 阿',
  'tiam/thiam | 添',
  'chong | 宗 聰 聪',
  'siong | 松',
  'hiong | 雄',
  'lan | 蘭 兰',
];
