"""Relations on short texts of our own: (text, subject, predicate, object)."""
import pytest

from kg import process_text

CASES = [
    # 以“X”党建品牌为引领 → hasBrand, with the sentence's organisation as subject
    ("杭州市西湖区税务局党委以“西湖税韵”党建品牌为引领,优化纳税服务。",
     "杭州市西湖区税务局党委", "hasBrand", "西湖税韵"),
    # sub-brands under a brand matrix
    ("杭州市西湖区税务局以“西湖税韵”党建品牌为统领,培育“税务青年说”“办税零距离”2个子品牌。",
     "税务青年说", "subBrandOf", "西湖税韵"),
    # honour received by the organisation before the cue
    ("余杭区人民医院党委获评“浙江省先进基层党组织”。",
     "余杭区人民医院党委", "receivedHonor", "浙江省先进基层党组织"),
    # subject carried over from the paragraph's organisation
    ("丽水市莲都区供电公司党委坚持党建引领。全面实施“电力先锋”工程,建成乡村振兴电力驿站。",
     "丽水市莲都区供电公司党委", "undertakes", "电力先锋工程"),
    ("丽水市莲都区供电公司党委坚持党建引领。全面实施“电力先锋”工程,建成乡村振兴电力驿站。",
     "丽水市莲都区供电公司党委", "established", "乡村振兴电力驿站"),
    # 成立 → established and a unit of its founder
    ("舟山市普陀区综合行政执法局成立海上联合执法中队。",
     "舟山市普陀区综合行政执法局", "established", "海上联合执法中队"),
    ("舟山市普陀区综合行政执法局成立海上联合执法中队。",
     "海上联合执法中队", "subOrganizationOf", "舟山市普陀区综合行政执法局"),
    # joint enforcement with another region
    ("金华市婺城区交通运输局深化与衢州市柯城区联合执法机制。",
     "金华市婺城区交通运输局", "cooperatesWith", "柯城区"),
    # co-building agreement between two bodies
    ("2024年3月,省商务厅与温州市人民政府签订合作协议,共建跨境电商综合试验区。",
     "省商务厅", "cooperatesWith", "温州市人民政府"),
    # documents issued
    ("湖州市安吉县农业农村局印发《美丽乡村建设三年行动方案》。",
     "湖州市安吉县农业农村局", "issued", "美丽乡村建设三年行动方案"),
    # activities organised
    ("宁海县卫生健康局党委组织开展“健康进万家”义诊活动。",
     "宁海县卫生健康局党委", "organized", "健康进万家义诊活动"),
    # place prefix → locatedIn
    # a party body whose name holds its unit's: the body is the unit's
    # … and the unit is where the place in the name is (a sub-unit where its parent is, unless it names its own)
    ("宁海县卫生健康局党委组织开展义诊。", "宁海县卫生健康局", "locatedIn", "宁海县"),
    ("宁海县卫生健康局党委组织开展义诊。", "宁海县卫生健康局党委", "subOrganizationOf", "宁海县卫生健康局"),
    # X公司党支部 → X公司
    ("义乌市甲乙贸易公司党支部开展学习。", "义乌市甲乙贸易公司党支部", "subOrganizationOf", "义乌市甲乙贸易公司"),
    # a clause that is only a kind word before an honour cue: the unit of that kind named before
    ("青田县石门村党支部建成石门乡愁记忆展馆,展馆被评为“丽水市爱国主义教育基地”。",
     "石门乡愁记忆展馆", "receivedHonor", "丽水市爱国主义教育基地"),
    ("衢州市消防救援支队党委推进基层建设。2024年,支队先后荣获“全省消防救援先进集体”。",
     "衢州市消防救援支队", "receivedHonor", "全省消防救援先进集体"),
    ("开化县林山村党支部领办开化县林山茶叶专业合作社,合作社入选“省级示范社”。",
     "开化县林山茶叶专业合作社", "receivedHonor", "省级示范社"),
    # a short place name opening a company's name, though the tokenizer glued it to 与 (与宁/德华…)
    ("福安市税务局党委与宁德华锂新材料有限公司党委签订共建协议,助力宁德市新能源产业发展。",
     "宁德华锂新材料有限公司", "locatedIn", "宁德市"),
    # a clause opening with a bare kind word and a verb: the unit of that kind the text is about
    ("嘉善县第一人民医院党委推进医共体建设。医院与西塘镇卫生院签订帮扶协议。",
     "嘉善县第一人民医院", "cooperatesWith", "西塘镇卫生院"),
    ("温岭市公安局交通警察大队党支部加强队伍建设。大队组织开展“平安出行进万家”活动。",
     "温岭市公安局交通警察大队", "organized", "平安出行进万家"),
    ("国网松阳县供电公司党委深化党建引领。公司还在大东坝镇建成“红色电力驿站”。",
     "国网松阳县供电公司", "established", "红色电力驿站"),
    ("嘉善县第一人民医院党委推进改革,嘉善县第一人民医院与嘉兴市第二医院开展结对共建。医院入选“省级试点医院”。",
     "嘉善县第一人民医院", "receivedHonor", "省级试点医院"),
    # 所属/下属: the unit after the cue belongs to the one before it, not its partner after 与
    ("杭州公交集团第一分公司所属56路车队荣获“全国工人先锋号”。",
     "56路车队", "subOrganizationOf", "杭州公交集团第一分公司"),
    ("中国农业银行丽水分行党委所属城南支行党支部与大港头镇河边村党支部签订共建协议。",
     "城南支行党支部", "subOrganizationOf", "中国农业银行丽水分行党委"),
    # a town named in full is named by its stem inside the names of units there
    ("丽水市莲都区碧湖镇党委与中国农业银行碧湖支行党支部签订共建协议,碧湖派出所参与。",
     "中国农业银行碧湖支行", "locatedIn", "碧湖镇"),
    ("丽水市莲都区碧湖镇党委与中国农业银行碧湖支行党支部签订共建协议,碧湖派出所参与。",
     "碧湖派出所", "locatedIn", "碧湖镇"),
    # 我局: the author body, not the nearest 局 named before
    ("国家税务总局温州市鹿城区税务局党委打造“鹿税先锋”品牌。第一税务分局党支部走访企业。我局还与鹿城区市场监督管理局签订共建协议。",
     "国家税务总局温州市鹿城区税务局", "cooperatesWith", "鹿城区市场监督管理局"),
    # 双方: the two that just agreed to cooperate
    ("台州市港航中心与台州港务有限公司签订共建协议;双方联合开通台州至宁波集装箱班轮航线。",
     "台州港务有限公司", "undertakes", "台州至宁波集装箱班轮航线"),
    # 该院 before a name: the unit named is the 院's, and the name still opens the clause
    ("丽水市莲都区人民法院党组推进建设。该院碧湖人民法庭党支部打造“法在身边”子品牌。",
     "碧湖人民法庭", "subOrganizationOf", "丽水市莲都区人民法院"),
    ("丽水市莲都区人民法院党组推进建设。该院碧湖人民法庭党支部打造“法在身边”子品牌。",
     "碧湖人民法庭党支部", "hasBrand", "法在身边"),
    # a short place name right after a national body's name (resources/national_prefixes.txt)
    ("国网台州供电公司党委深化党建引领,服务台州市乡村振兴。", "国网台州供电公司", "locatedIn", "台州市"),
    # A与B签订…,共建X: both build X
    ("2024年5月,省商务厅与衢州市人民政府签订合作协议,共建跨境电商综合试验区。",
     "衢州市人民政府", "undertakes", "跨境电商综合试验区"),
    # 院机关党委: the organs' party body, under the 院 (which a 党组 leads) or under the group's 党委
    ("丽水市莲都区人民法院党组以“法润莲都”党建品牌为引领,院机关党委下设党支部6个。",
     "院机关党委", "subOrganizationOf", "丽水市莲都区人民法院"),
    ("丽水市城市建设投资集团有限公司党委下设机关党委和8个基层党委。集团机关党委开展“红旗党支部”创评。",
     "集团机关党委", "subOrganizationOf", "丽水市城市建设投资集团有限公司党委"),
    # a bare 学校 also means a 中学 (resources/kind_covers.tsv)
    ("温州市第二中学党委推进品牌建设。学校与泰顺县罗阳镇中心学校结对共建。学校入选“全省思政课示范校”。",
     "温州市第二中学", "receivedHonor", "全省思政课示范校"),
    # a street named in full once is the same street later, where jieba's cut hid it
    ("拱墅区米市巷街道党工委打造“米市红”品牌。2023年,米市巷街道获评“浙江省善治示范街道”。",
     "米市巷街道", "receivedHonor", "浙江省善治示范街道"),
    # 该站 may be a facility
    ("街道建成“暖蜂驿站”骑手服务站,该站被评为“市级示范驿站”。",
     "暖蜂驿站", "receivedHonor", "市级示范驿站"),
    # 该联盟 is the alliance just named
    ("国网某市供电公司党委发起成立长三角电力党建联盟。该联盟获评“全省党建引领创新案例”。",
     "长三角电力党建联盟", "receivedHonor", "全省党建引领创新案例"),
    ("国网某市供电公司党委发起成立长三角电力党建联盟。", "国网某市供电公司党委", "established", "长三角电力党建联盟"),
    # 与X联合举办 → X cooperates; 合作社 names a unit, its 合作 is no cue
    ("青龙坪村党支部与郭家坝镇党委联合举办主题党日。", "青龙坪村党支部", "cooperatesWith", "郭家坝镇党委"),
    ("市农业农村局机关党支部与火箭村党支部、哈密市甜源瓜果种植专业合作社党支部联合成立联合党支部。",
     "市农业农村局机关党支部", "cooperatesWith", "哈密市甜源瓜果种植专业合作社党支部"),
    # every name listed before an honour's cue receives it
    ("近日,东岭村党支部、长河市税务局第二党支部和西岭社区党委被评为全市五星级党组织。",
     "东岭村党支部", "receivedHonor", "全市五星级党组织"),
    ("近日,东岭村党支部、长河市税务局第二党支部和西岭社区党委被评为全市五星级党组织。",
     "长河市税务局第二党支部", "receivedHonor", "全市五星级党组织"),
    # the members who found an alliance together established it
    ("由东岭村党支部、西岭社区党委和长河中学党支部共同组成的长河红色教育联盟正式成立。",
     "西岭社区党委", "established", "长河红色教育联盟"),
    ("“青溪高校党建联盟”由长河职业技术学院、青溪师范学院、东山理工学院于2023年5月联合发起成立。",
     "青溪师范学院", "established", "青溪高校党建联盟"),
    # a branch of a unit's station or department belongs to the unit above it
    ("国网长河供电公司青溪供电所党支部开展主题党日活动。", "国网长河供电公司青溪供电所党支部", "subOrganizationOf", "国网长河供电公司"),
    ("长河市人民医院心血管内科党支部开展义诊。", "长河市人民医院心血管内科党支部", "subOrganizationOf", "长河市人民医院"),
    # a unit written right before a quoted name or a title owns it
    ("其中,长河市财政局“红色账本”党建品牌和长河市税务局“税润万家”党建品牌入选全省优秀品牌。",
     "长河市税务局", "hasBrand", "税润万家"),
    ("其中,长河市财政局“红色账本”党建品牌和长河市税务局“税润万家”党建品牌入选全省优秀品牌。",
     "长河市财政局", "hasBrand", "红色账本"),
    ("长河市委直属机关工委《以清廉机关建设促作风转变》入选全省优秀案例。",
     "长河市委直属机关工委", "issued", "以清廉机关建设促作风转变"),
    # 联合A到B开展…: the unit visited is a partner too
    ("长河市城管局机关党委联合青溪建工项目党支部到东岭物业公司党支部开展党建交流。",
     "长河市城管局机关党委", "cooperatesWith", "东岭物业公司党支部"),
    ("长河市城管局机关党委联合青溪建工项目党支部到东岭物业公司党支部开展党建交流。",
     "长河市城管局机关党委", "cooperatesWith", "青溪建工项目党支部"),
    # units listed as issuing one document together cooperate
    ("湖州市交通运输局、嘉兴市交通运输局、绍兴市交通运输局发布《交通一体化行动方案》。",
     "湖州市交通运输局", "cooperatesWith", "绍兴市交通运输局"),
    # a department named bare in an article about one bureau is the bureau's
    ("长兴县市场监督管理局深化作风建设。局领导带队,价格监督检查科深入企业开展政策宣讲。",
     "价格监督检查科", "subOrganizationOf", "长兴县市场监督管理局"),
    # an honour whose 创建 passed its inspection is held
    ("湖州市顺利通过“全国文明城市”创建复查验收。", "湖州市", "receivedHonor", "全国文明城市"),
    # 创办 a publication issues it
    ("长河市税务局创办《青税风采》内刊,展示干部风貌。", "长河市税务局", "issued", "青税风采"),
    # a place written right after the place that holds it, and each place listed after it
    ("调研组走进德清县新市镇,察看小城镇建设。", "新市镇", "locatedIn", "德清县"),
    ("省调研组来到湖州市长兴县、安吉县和德清县开展调研。", "长兴县", "locatedIn", "湖州市"),
    ("省调研组来到湖州市长兴县、安吉县和德清县开展调研。", "德清县", "locatedIn", "湖州市"),
]


@pytest.mark.parametrize("text,s,o", [
    ("国家税务总局湖州市税务局党委召开会议。", "国家税务总局湖州市税务局党委", "国家税务总局"),  # a local body of its own
    ("长河水务集团有限公司党委召开会议。", "长河水务集团有限公司党委", "长河水务集团"),  # one company, two names
])
def test_a_branch_is_not_the_unit_above_a_body_of_its_own(text, s, o):
    assert (s, "subOrganizationOf", o) not in triples(process_text(text))


def test_a_party_body_is_in_the_place_its_name_opens_with_when_the_text_names_it_alone():
    """The place is written on its own too: the body is there (SCHEMA: only read from
    the name, it is optional, so it is not claimed)."""
    alone = triples(process_text("南浔区练市镇党委组织党员开展志愿服务。近年来,南浔区持续深化基层党建。"))
    assert ("南浔区练市镇党委", "locatedIn", "南浔区") in alone
    inside = triples(process_text("南浔区练市镇党委组织党员开展志愿服务。"))
    assert ("南浔区练市镇党委", "locatedIn", "南浔区") not in inside


def test_places_side_by_side_that_do_not_nest_are_not_located():
    """杭州市 does not hold 德清县, though one is written after the other."""
    doc = process_text("活动在杭州市、湖州市德清县两地同步举行。")
    assert ("德清县", "locatedIn", "杭州市") not in triples(doc)
    assert ("湖州市", "locatedIn", "杭州市") not in triples(doc)


def find(doc, label):
    for k, e in doc.entities.items():
        if e.label == label or label in e.aliases:
            return k
    raise AssertionError(f"{label}: not among {sorted(e.label for e in doc.entities.values())}")


def triples(doc):
    return {(doc.entities[r.subject].label, r.predicate, doc.entities[r.object].label) for r in doc.relations}


@pytest.mark.parametrize("text,s,p,o", CASES)
def test_relation_found(text, s, p, o):
    doc = process_text(text)
    sk, ok = find(doc, s), find(doc, o)
    found = {(r.subject, r.predicate, r.object) for r in doc.relations}
    if p == "cooperatesWith":
        assert (sk, p, ok) in found or (ok, p, sk) in found, triples(doc)
    else:
        assert (sk, p, ok) in found, triples(doc)


def test_a_brand_written_after_one_unit_is_not_the_other_units():
    doc = process_text("其中,长河市财政局“红色账本”党建品牌和长河市税务局“税润万家”党建品牌入选全省优秀品牌。")
    assert ("长河市财政局", "hasBrand", "税润万家") not in triples(doc)


def test_honours_still_being_built_are_not_received():
    """通过…开展某示范党支部和某品牌党支部创建工作: honours sought, not held."""
    doc = process_text("长河市教育局通过走访调研,推进中小学五星级党支部和示范党支部创建工作。")
    assert not [r for r in doc.relations if r.predicate == "receivedHonor"], triples(doc)


def test_goal_is_not_an_honour_received():
    doc = process_text("平阳县税务局党委争创全国文明单位,持续优化服务。")
    assert not [r for r in doc.relations if r.predicate == "receivedHonor"]


@pytest.mark.parametrize("text,hall", [
    ("西城街道某某社区党委打造“邻里议事厅”,协调解决民生问题。", "邻里议事厅"),
    ("某某社区党委打造“居民客厅”,方便群众议事。", "居民客厅"),
    ("某某社区党委建成“邻里食堂”,为老人提供助餐服务。", "邻里食堂"),
])
def test_a_hall_is_a_facility_the_subject_builds(text, hall):
    doc = process_text(text)
    assert {e.label: e.type for e in doc.entities.values()}.get(hall) == "Facility", triples(doc)
    assert [t for t in triples(doc) if t[1] == "established" and t[2] == hall], triples(doc)


def test_a_unit_to_be_built_as_a_goal_is_not_established():
    doc = process_text("某市第一人民医院党委表示,医院将以建设区域医疗中心为目标,推动资源下沉。")
    assert not [t for t in triples(doc) if t[1] == "established"], triples(doc)


def test_a_bare_kind_word_refers_only_to_a_unit_of_that_kind():
    doc = process_text("某县供电公司党委打造“光明驿站”品牌。展馆被评为“市级示范点”。")
    assert not [r for r in doc.relations if r.predicate == "receivedHonor"], triples(doc)


def test_a_partner_after_a_unit_is_not_a_unit():
    doc = process_text("中国农业银行丽水分行党委所属城南支行党支部与大港头镇河边村党支部签订共建协议。")
    assert ("河边村党支部", "subOrganizationOf", "中国农业银行丽水分行党委") not in {
        (s.replace("大港头镇", ""), p, o) for s, p, o in triples(doc)}, triples(doc)


def test_the_partner_of_one_clause_does_not_carry_to_the_next():
    doc = process_text("温州市鹿城区税务局与鹿城区人民法院签署协作备忘录,与鹿城区市场监督管理局开展联合执法。")
    pairs = {frozenset((s, o)) for s, p, o in triples(doc) if p == "cooperatesWith"}
    assert frozenset(("温州市鹿城区税务局", "鹿城区市场监督管理局")) in pairs, pairs
    assert frozenset(("鹿城区人民法院", "鹿城区市场监督管理局")) not in pairs, pairs


def test_a_branch_founding_a_cooperative_does_not_own_it():
    doc = process_text("开化县林山村党支部领办成立开化县林山茶叶专业合作社,带动农户增收。")
    assert ("开化县林山村党支部", "established", "开化县林山茶叶专业合作社") in triples(doc), triples(doc)
    assert not [t for t in triples(doc) if t[1] == "subOrganizationOf" and t[0] == "开化县林山茶叶专业合作社"]


def test_a_partner_is_not_the_paragraph_topic():
    doc = process_text("台州建设集团有限公司党委推进品牌建设。\n台州建设集团有限公司与温岭市人民政府签订合作协议。"
                       "同年荣获“省级先进集体”称号。")
    assert not [t for t in triples(doc) if t[1] == "receivedHonor" and t[0] == "温岭市人民政府"], triples(doc)


def test_words_inside_a_name_are_not_cues():
    # 住房和城乡建设厅 holds 和 (with) and 建设 (build): neither is a verb here
    doc = process_text("鼓楼区华侨路街道党工委联合江苏省住房和城乡建设厅、江苏银行鼓楼支行等8家单位共建“红色物业联盟”。")
    assert not [t for t in triples(doc) if t[1] == "established" and t[2] == "江苏银行鼓楼支行"], triples(doc)


@pytest.mark.parametrize("text,partners", [
    ("鼓楼区华侨路街道党工委联合江苏省住房和城乡建设厅、江苏银行鼓楼支行等8家单位共建“红色物业联盟”。",
     {"江苏省住房和城乡建设厅", "江苏银行鼓楼支行"}),
    ("龙湾区永中街道党工委联合温州市龙湾区市场监督管理局和温州农商银行龙湾支行开展“红色代办”服务。",
     {"温州市龙湾区市场监督管理局", "温州农商银行龙湾支行"}),
])
def test_units_listed_after_lianhe_are_partners(text, partners):
    doc = process_text(text)
    pairs = {frozenset((s, o)) for s, p, o in triples(doc) if p == "cooperatesWith"}
    subject = next(e.label for e in doc.entities.values() if e.label.endswith("街道党工委"))
    assert {frozenset((subject, x)) for x in partners} <= pairs, pairs


def test_lianhe_then_an_unrelated_verb_is_not_read():
    doc = process_text("青山村党支部联合某县农业技术推广中心在村里建立科技小院。")
    assert not [t for t in triples(doc) if t[1] == "cooperatesWith"], triples(doc)


def test_relation_spans_are_in_the_text():
    doc = process_text(CASES[0][0])
    for r in doc.relations:
        assert 0 <= r.start < r.end <= len(doc.text)


def test_an_alliance_built_with_a_partner_is_not_a_partner():
    doc = process_text("某县人民医院党委与四川大学华西医院建立川西肿瘤专科医疗联盟。")
    got = triples(doc)
    assert {("某县人民医院党委", "cooperatesWith", "四川大学华西医院"), ("四川大学华西医院", "cooperatesWith", "某县人民医院党委")} & got
    assert not {t for t in got if t[1] == "cooperatesWith" and "川西肿瘤专科医疗联盟" in t}


def test_a_sub_unit_is_where_its_parent_is_not_by_its_parents_place():
    doc = process_text("杭州市公安局西湖分局开展反诈宣传。杭州市公安局还组织了培训。")
    got = {(doc.entities[r.subject].label, r.predicate, doc.entities[r.object].label) for r in doc.relations}
    assert ("杭州市公安局西湖分局", "subOrganizationOf", "杭州市公安局") in got, got
    assert ("杭州市公安局", "locatedIn", "杭州市") in got, got
    assert ("杭州市公安局西湖分局", "locatedIn", "杭州市") not in got, got


def _rels(text):
    doc = process_text(text)
    return {(doc.entities[r.subject].label, r.predicate, doc.entities[r.object].label) for r in doc.relations}


def test_units_listed_together_cooperate():
    got = _rels("由长河市第一中学党委、长河市实验小学党支部和长河职业技术学院党委共同发起读书活动。")
    pairs = {frozenset((s, o)) for s, p, o in got if p == "cooperatesWith"}
    assert frozenset(("长河市第一中学党委", "长河职业技术学院党委")) in pairs, got
    assert frozenset(("长河市实验小学党支部", "长河职业技术学院党委")) in pairs, got


def test_units_that_compose_a_body_are_its_members():
    got = _rels("由城东街道党工委、城西街道党工委共同组成的城区联合党委正式成立。")
    assert ("城东街道党工委", "subOrganizationOf", "城区联合党委") in got, got
    assert not any(p == "cooperatesWith" for _s, p, _o in got), got


def test_a_persons_honour_is_not_a_units():
    got = _rels("长河市疾控中心第二党支部获评先进党支部,支部党员获得长河市五一劳动奖章、优秀共产党员等荣誉。")
    assert not any(p == "receivedHonor" and o in ("长河市五一劳动奖章", "优秀共产党员") for _s, p, o in got), got


def test_what_a_unit_sets_up_is_its_own_only_when_it_is_a_party_body_or_a_team():
    got = _rels("长河市交通运输执法队成立女子机动执法班。长河市交通运输局党委牵头成立长河物流党建联盟。")
    assert ("女子机动执法班", "subOrganizationOf", "长河市交通运输执法队") in got or \
        any(p == "subOrganizationOf" and s.endswith("女子机动执法班") for s, p, _o in got), got
    assert not any(p == "subOrganizationOf" and s == "长河物流党建联盟" for s, p, _o in got), got


def test_a_place_before_a_name_the_model_reads_opens_it():
    got = _rels("由甲镇党委和乙镇党委共同组成的杭州临平新城产业联合党委正式成立。")
    assert ("甲镇党委", "subOrganizationOf", "杭州临平新城产业联合党委") in got, got


def test_a_place_built_is_established_also_when_written_before_it():
    got = _rels("长河市税务局新建的300平方米办税服务大厅投入使用。")
    assert ("长河市税务局", "established", "办税服务大厅") in got, got
