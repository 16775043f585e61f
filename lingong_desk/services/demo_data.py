"""Sample data of a county market near Datong: names, places, trades, employers.

Tables only; ``services/demo.py`` draws from them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")
COUNTY, COUNTY_CODE = "左云县", "140226"
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, S, V, Z


@dataclass(frozen=True)
class DemoCounts:
    people: int
    occupations: int
    employers: int
    postings: int


class _Pick(Generic[T]):
    """A weighted choice, prepared once."""

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        self.items = [p[0] for p in pairs]
        self.cum = list(accumulate(p[1] for p in pairs))

    def __call__(self, rng: random.Random) -> T:
        return rng.choices(self.items, cum_weights=self.cum)[0]


def _w(text: str) -> list[str]:
    return text.split()


def _rows(sep: str, text: str) -> list[list[str]]:
    return [t.split(sep) for t in _w(text)]


def _weighted(text: str) -> _Pick[str]:
    """'王:70 李:68' -> a weighted choice of 王 and 李."""
    return _Pick([(k, float(v)) for k, v in _rows(":", text)])


SURNAMES = _weighted("""
王:70 李:68 张:62 刘:50 杨:30 赵:28 郭:26 高:20 武:16 陈:16 孙:12 马:12 吴:10 梁:10 贾:10 田:10
韩:10 任:8 白:8 周:8 郝:8 闫:8 薛:6 徐:6 胡:6 朱:6 侯:6 乔:6 冯:6 段:6 牛:6 曹:6 宋:6 魏:6
董:6 许:5 程:5 秦:5 吕:5 范:5 史:5 贺:5 常:5 邢:4 苏:4 卢:4 温:4 康:4 崔:4 孟:4 姚:4 霍:4 柴:4
樊:4 黄:4 何:4 郑:4 杜:4 石:4 毛:3 申:3 岳:3 雷:3 邓:3 彭:3 罗:3 谢:3 袁:3 丁:3 姜:3 付:3 于:3
肖:3 焦:3 尚:3 安:3 阎:3 蔡:2 潘:2 尹:2 余:2 钱:2 翟:2 单:2 曾:2 解:2 药:1 乐:1 柏:1 仇:1 查:1
欧阳:1 司马:1 上官:1 皇甫:1 诸葛:1""")
GIVEN = {
    "M": "建国军民华明伟强刚勇斌杰涛磊鹏飞俊峰海波辉亮宏志文东平林成永忠福贵祥兴旺宝山虎龙"
    "德胜利金生荣旭晨浩宇轩博睿泽昊天鑫锋江河树栋柱有根全喜庆来顺发世彦宁卫兵瑞晋尧恒振宽凯"
    "超帅健新学智亚彬鸿继占存怀仁义",
    "F": "秀英桂兰玉梅芳丽敏静燕红霞娟艳萍琴云莲凤春花珍香翠月娥巧爱淑惠慧芬菊荣美婷雪雅琳"
    "欣悦佳怡晶晴蕾露洁莉娜倩颖妍丹彩金银平宁新改存枝叶蓉瑞姣润喜换粉琼瑛晓素贞亚焕娇茹媛琪"
    "璐思梦雨馨妮",
}
CLASSIC = {  # given names common among people born before about 1975
    "M": _w("建国 建军 国庆 卫东 振华 志刚 国强 建华 文明 俊峰 福生 玉明 二虎 三喜 拴柱 存根 有福"),
    "F": _w("桂兰 秀英 玉兰 秀兰 桂英 凤英 玉梅 翠兰 改梅 润梅 金花 秀梅 美兰 爱琴 巧云 变花 粉莲"),
}
REGIONS = _weighted("""
140226:52 140214:6 140213:6 140212:5 140215:4 140221:3 140222:3 140225:3 140223:2 140224:2
140211:2 140202:2 140203:1 140227:1 140623:4 140603:2 140602:2 140681:2 140622:1 140621:1
130727:1 130726:1 130725:1 150981:2 150925:1 150902:1 140105:1""")
# Datong districts renamed in 2018: numbers issued before then keep the old code.
OLD_CODES = {"140213": "140202", "140214": "140211", "140215": "140227"}
AGE_WEIGHTS = {18: 2.0, 25: 3.0, 35: 5.0, 45: 7.0, 55: 6.0, 61: 3.0}  # from that age on
AGES = _Pick([(a, AGE_WEIGHTS[max(k for k in AGE_WEIGHTS if k <= a)]) for a in range(18, 65)])
TOWNS = _w("云兴镇 鹊儿山镇 店湾镇 管家堡乡 三屯乡 张家场乡 水窑乡 马道头乡 小京庄乡")
VILLAGES = _w("""东街 西街 南关 北关 八台 小堡 古城 王家屯 刘家窑 李家庄 马家窑 张家堡 新村
后所 五路 黑土口 旧高山 摩天岭 杏树坡 西河湾 红土沟 石井 东古城 大堡""")
STREETS = _w("新建路 云兴街 北环路 南环路 东街 西街 文化路 长城路 振兴街 府前街 玉龙路")
ESTATES = _w("阳光小区 惠民小区 新华苑 云兴花园 东方家园 锦绣园 和谐家园")
PHONE_HEADS = _w("""130 131 132 133 134 135 136 137 138 139 150 151 152 155 156 157 158 159
166 173 176 177 180 181 182 183 185 186 187 188 189 191 198 199""")
# Wanted job types, code:weight:sex leaning (- for none); gig work weighs most.
OCCUPATION_TEXT = """
4-09-08-01:14:F 4-10-01-06:12:F 4-02-05-01:12:M 4-07-05-01:8:M 4-02-02-02:6:M 6-29-01-01:6:M
4-03-02-01:5:- 4-03-02-05:5:F 4-10-01-05:5:F 6-29-04-01:4:M 4-09-10-01:4:- 6-29-01-04:3:M
6-29-01-03:3:M 6-29-03-04:3:M 6-31-01-03:3:M 5-01-02-01:3:- 4-02-02-01:2:M 6-18-02-04:2:M
4-02-06-02:2:- 4-10-08-01:2:M 4-02-07-08:2:M 6-06-03-01:2:M 4-03-02-02:2:F 3-01-01-01:2:F
4-01-02-04:2:F 4-01-02-03:2:F 4-10-01-01:2:F 4-06-01-03:1:M 6-30-05-05:1:M 6-30-05-01:1:M
4-14-01-02:1:F 5-03-02-01:1:-"""
OCCUPATIONS = [(c, float(w), s) for c, w, s in _rows(":", OCCUPATION_TEXT)]
# first wanted job type = skills/certificates
SKILLS_TEXT = """
4-02-02-02=驾龄十年以上，跑过长途/A2驾驶证 4-02-02-01=驾龄八年，熟悉县城道路/B1驾驶证
4-10-01-06=会做面食，带过孩子/家政服务员证 4-10-01-05=照顾过卧床老人/养老护理员证
4-03-02-01=会做本地菜、大锅菜/中式烹调师（四级）；健康证 6-31-01-03=会接线、修电路/低压电工证
6-18-02-04=会电焊、气焊/焊工证 4-07-05-01=当过兵，能上夜班/保安员证 6-29-01-01=砌墙、贴砖都会/
6-30-05-05=开挖机五年/挖掘机操作证 6-30-05-01=开叉车三年/叉车证 4-10-01-01=带过两个孩子/育婴员证"""
SKILLS = {k: v for k, v in _rows("=", SKILLS_TEXT)}
AVAILABILITY = ["", "", "", "随叫随到", "只做白天", "农忙时不能来", "周末可以", "冬天有空"]
EDUCATION = _w("none primary junior senior vocational college bachelor postgraduate")
RURAL_CATEGORIES = _weighted("rural_migrant:55 poverty_alleviated:12 flexible:25 other:8")
URBAN_CATEGORIES = _weighted("urban_unemployed:45 flexible:45 other:10")
STATUSES = _weighted("seeking:88 employed:8 paused:4")
HUKOU = {True: "rural", False: "urban"}
# Employer profiles: "industry kind credit-prefix name/patterns" and, indented, jobs
# "title:code:unit:low-high:form". Patterns: {p} place, {b} brand, {t} town,
# {v} town+village, {s} surname, {o} the household's owner.
PROFILE_TEXT = """
物业管理 company 91 {p}{b}物业管理有限公司/{p}{b}物业服务有限公司
 小区保洁员:4-09-08-01:month:2200-3000:long 门岗保安:4-07-05-01:month:2400-3200:long
 开荒保洁:4-09-08-01:day:150-200:day 停车场收费员:4-06-01-03:month:2300-2800:long
 物业水电工:6-31-01-03:month:3500-5000:long 绿化养护工:4-09-10-01:day:130-170:short
房屋建筑业 company 91 {p}{b}建筑工程有限公司/{p}{b}建筑安装有限公司
 瓦工:6-29-01-01:day:260-350:short 钢筋工:6-29-01-04:day:250-330:short
 工地小工:4-02-05-01:day:170-220:day 混凝土工:6-29-01-03:day:240-300:short
 架子工:6-29-01-05:day:280-350:short 挖机司机:6-30-05-05:month:7000-10000:long
建筑装饰 company 91 {p}{b}装饰工程有限公司
 油漆工:6-29-04-01:day:220-300:short 水暖工:6-29-03-04:day:250-320:short
 装修木工:6-06-03-01:day:250-350:short 装修搬运工:4-02-05-01:day:180-240:day
家政服务 company 91 {p}{b}家政服务有限公司/{p}{b}养老服务有限公司
 住家保姆:4-10-01-06:month:3500-5000:long 钟点工:4-10-01-06:hour:25-35:part
 月嫂:4-10-01-06:month:6000-9000:long 育儿嫂:4-10-01-01:month:4000-6000:long
 养老护理员:4-10-01-05:month:3000-4500:long 医院陪护:4-14-01-02:day:150-220:short
物流运输 company 91 {p}{b}物流有限公司/{p}{b}运输有限公司
 货车司机:4-02-02-02:month:6000-8000:long 装卸工:4-02-05-01:day:180-260:day
 卸煤（按吨计）:4-02-05-01:piece:15-25:day 快件分拣员:4-02-07-09:hour:18-22:part
保安服务 company 91 {p}{b}保安服务有限公司
 保安员:4-07-05-01:month:2500-3200:long 活动安保:4-07-05-01:day:150-200:day
住宿业 company 91 左云县{b}宾馆/{p}{b}酒店管理有限公司
 客房服务员:4-03-01-02:month:2400-3000:long 厨师:4-03-02-01:month:4000-5500:long
农业种植养殖 company 93 左云县{b}种植专业合作社/左云县{v}养殖专业合作社
 田间农工:5-01-02-01:day:100-150:day 大棚采摘:5-01-02-02:day:100-140:day
 养羊饲养员:5-03-02-01:month:3000-4000:long 农机手:5-05-05-01:day:250-350:short
餐饮业 self_employed 92 左云县{b}饭店/左云县{s}记面馆/左云县{b}羊杂店
 厨师:4-03-02-01:month:4000-6000:long 面点师:4-03-02-02:month:3500-4500:long
 餐厅服务员:4-03-02-05:month:2500-3200:long 宴席帮厨:4-03-02-01:day:150-250:day
商贸零售 self_employed 92 左云县{b}超市/左云县{b}便利店/左云县{b}建材店
 收银员:4-01-02-04:month:2300-2800:long 理货员:4-02-06-02:month:2300-2800:long
 送货员:4-02-05-01:day:150-200:day
汽车维修 self_employed 92 左云县{b}汽车修理部/左云县{s}记汽修店
 汽修工:4-12-01-01:month:4000-6000:long 电动车维修工:4-12-04-01:month:3000-4000:long
公共服务 institution 12 左云县{t}卫生院/左云县{t}中心学校/左云县人民医院/左云县{v}村民委员会
 保洁员:4-09-08-01:month:2000-2500:long 门卫:4-07-05-01:month:2000-2600:long
 食堂厨师:4-03-02-01:month:3000-4000:long 绿化工:4-09-10-01:day:100-150:short
 护林员:5-02-03-01:month:1500-2000:long 垃圾清运工:4-09-08-02:month:2200-2800:long
家庭雇工 household - {o}家庭
 住家保姆:4-10-01-06:month:3500-5000:long 照顾老人:4-10-01-05:month:3000-4500:long
 钟点工:4-10-01-06:hour:25-35:part 看孩子:4-10-01-01:month:3000-4000:long
 搬家帮手:4-02-05-01:day:200-300:day 通下水道:6-29-03-04:piece:100-200:day"""


@dataclass(frozen=True)
class Profile:
    kind: str
    prefix: str
    patterns: list[str]
    jobs: list[list[str]]  # title, code, unit, "low-high", work form


def _profiles(text: str) -> dict[str, Profile]:
    out: dict[str, Profile] = {}
    last = ""
    for line in text.strip("\n").splitlines():
        if line.startswith(" "):
            out[last].jobs.extend(job.split(":") for job in _w(line))
        else:
            last, kind, prefix, names = _w(line)
            out[last] = Profile(kind, prefix, names.split("/"), [])
    return out


PROFILES = _profiles(PROFILE_TEXT)
KINDS = _weighted("company:55 self_employed:20 institution:7 household:18")
PLACES = ["大同市", "左云县", "左云县", "山西"]
