"""Mentions and entities on short texts of our own, one pattern per row."""
import pytest

from kg import process_text
from kg.text import norm

CASES = [
    # organisation suffix grammar, with the place prefix kept
    ("今年以来,宁波市北仑区市场监督管理局党组坚持党建引领。", "PartyOrganization", "宁波市北仑区市场监督管理局党组"),
    ("承担省卫生健康委员会赋予的试点任务。", "GovernmentBody", "省卫生健康委员会"),
    ("由衢州市江山市人民政府牵头推进。", "GovernmentBody", "衢州市江山市人民政府"),
    ("国网湖州供电公司党委组织开展主题党日活动。", "PartyOrganization", "国网湖州供电公司党委"),
    ("绍兴市柯桥区城市管理行政执法大队加强夜间巡查。", "GovernmentBody", "绍兴市柯桥区城市管理行政执法大队"),
    ("依托温州市鹿城区快递行业协会,凝聚新就业群体。", "SocialOrganization", "温州市鹿城区快递行业协会"),
    ("台州市路桥区人民医院党委书记带队下乡。", "SocialOrganization", "台州市路桥区人民医院"),
    # the party body of a unit just named, where the unit's name ends in a word jieba cuts off (救援|站)
    ("全年开展宣传。城东消防救援站党支部打造“城东先锋”子品牌。", "PartyOrganization", "城东消防救援站党支部"),
    # a place inside the name that starts with a stop word (中|河街道)
    ("鄞州区中河街道党工委以“中河红管家”党建品牌为引领。", "PartyOrganization", "鄞州区中河街道党工委"),
    # a quoted place built, with nothing after the quotes
    ("长丰社区党委建成“邻里幸福站”,为居民提供助餐服务。", "Facility", "邻里幸福站"),
    # a quantifier cuts the scope off the name
    ("成立全省首个电力女子抢修班组服务队。", "SocialOrganization", "电力女子抢修班组服务队"),
    # a state enterprise's unit called 局 is a company's, whichever finder reads it
    ("中建五局党委荣获全国先进基层党组织。", "Enterprise", "中建五局"),
    # a place and 地铁 name the city's metro company (resources/placed_suffixes.txt)
    ("杭州地铁推出党员服务岗。", "Enterprise", "杭州地铁"),
    # a party committee's office and a street's party-building committee are party bodies
    ("会上,长河市卫生健康行业党委办公室通报了表彰决定。", "PartyOrganization", "长河市卫生健康行业党委办公室"),
    ("青溪街道党建工作联席委员会召开全体会议。", "PartyOrganization", "青溪街道党建工作联席委员会"),
    # teams: a team of party members is a party body; words inside quotes do not cut a name
    ("长河水务公司成立“党员攻坚先锋队”,保障供水。", "PartyOrganization", "党员攻坚先锋队"),
    ("长河海事局成立“海安心”海事政务服务先锋队,推出八项便民举措。", "SocialOrganization", "海安心海事政务服务先锋队"),
    # an organ's branch
    ("长河县教育局机关支部开展主题党日活动。", "PartyOrganization", "长河县教育局机关支部"),
    # a party body before a post (党委|书记) is named
    ("湖州市民政局党委书记王明出席会议。", "PartyOrganization", "湖州市民政局党委"),
    ("湖州市民政局党委委员、副局长王明出席会议。", "PartyOrganization", "湖州市民政局党委"),
    # a level and two fields joined by 和 open one name
    ("其中,市林业和草原局“青山常绿”党建品牌入选。", "GovernmentBody", "市林业和草原局"),
    # …, also after a person and 和
    ("市民政局副局长张建和市港航与口岸管理中心党委书记李强共同揭牌。", "PartyOrganization", "市港航与口岸管理中心党委"),
    # a level and a field before 与 open one name
    ("会上,市港航与口岸管理中心党委书记王浩讲话。", "GovernmentBody", "市港航与口岸管理中心"),
    # the cue verb nearest a quoted name gives its type
    ("支部积极推动开展“进企业、解难题”和“红色网格”活动。", "Activity", "进企业、解难题"),
    # an item of a list of honours that opens like the honour before it
    ("该所先后获得浙江省最美基层警队、浙江省最美警察、浙江省最美法治家庭等荣誉。", "Honor", "浙江省最美法治家庭"),
    # 有一处…的“某某空间”: a place there is
    ("楼宇里有一处约80平方米的“暖心空间”,这里设有书吧。", "Facility", "暖心空间"),
    # a level, a word of merit and a kind of unit is a title, not a unit
    ("作为市级示范党群服务站,这里常年开放。", "Honor", "市级示范党群服务站"),
    ("争创市级示范幼儿园。", "Honor", "市级示范幼儿园"),
    # ranks of merit are honours, each item of a list without its own cue
    ("全所民警中有3人荣立个人二等功、5人获个人三等功。", "Honor", "个人三等功"),
    ("该大队荣立集体一等功。", "Honor", "集体一等功"),
    # 集甲、乙于一体: 集 gathers the list
    ("社区建成集红色书屋、党员活动室、便民服务站于一体的党群阵地。", "Facility", "红色书屋"),
    # a class written before a name is not part of it (省重大项目|某码头)
    ("全力保障省重大项目青山港码头正式开港。", "Facility", "青山港码头"),
    # a community whose name is one word ending like a village (东村|社区)
    ("党员干部参与挂钩的东村社区开展网格服务。", "Place", "东村社区"),
    # a county-level name after a city it does not lie in names a part of that city
    ("这里属于杭州老城区的核心地带。", "Place", "杭州老城区"),
    # a place listed right after known places, named like them
    ("服务范围覆盖历下区、长清区、创新区等区域。", "Place", "创新区"),
    # a building is named from where its address ends
    ("在西湖区文三路华星商务楼宇里建起了党群服务站。", "Facility", "华星商务楼宇"),
    # stations and national roads the model reads as places are facilities
    ("志愿者在318国道沿线清理垃圾。", "Facility", "318国道"),
    ("党员志愿者在地铁2号线龙翔桥站开展服务。", "Facility", "龙翔桥站"),
    ("高铁杭州东站设立临时党支部。", "Facility", "杭州东站"),
    # a piece of research in a title is a project; “某某建设” held as 活动 is a programme
    ("学校承担的市级党建课题《社区党建联动机制实践研究》顺利结题。", "Project", "社区党建联动机制实践研究"),
    ("各支部开展“五星支部、红旗支部建设”活动。", "Project", "五星支部、红旗支部建设"),
    # names counted as projects (由甲、乙等3个项目组成)
    ("项目党支部由东湖花园、滨江一号等3个项目组成。", "Project", "滨江一号"),
    # an event's name holds verbs, up to the cue that holds it; a 空间 built is a place
    ("集团每季度召开科技攻关创新推进会。", "Activity", "科技攻关创新推进会"),
    ("车间建立“职工创新空间”,激发活力。", "Facility", "职工创新空间"),
    # a numbered way of working in quotes is a project
    ("各支部深入学习机关党建“六步法”。", "Project", "六步法"),
    # a 讲堂 is a series of talks, an activity (SCHEMA: “某某大讲堂” after 开展 is an Activity)
    ("青溪派出所党支部打造“青警讲堂”,请老民警讲述从警故事。", "Activity", "青警讲堂"),
    # quoted names and their cues
    ("全区“两优一先”表彰大会在区会议中心召开。", "Honor", "两优一先"),
    ("集团明确建设“三个高地”目标任务。", "Project", "三个高地"),  # a count of aims, not a 中心
    ("社区向8位老党员送去“光荣在党50年”纪念章。", "Honor", "光荣在党50年"),
    ("打造“红色引擎·税映初心”党建品牌,擦亮服务底色。", "Brand", "红色引擎·税映初心"),
    ("深入实施“领航护航”工程,培育一批骨干。", "Project", "领航护航工程"),
    ("推行“党建+网格”工作模式,打通服务群众最后一米。", "Project", "党建+网格"),
    ("组织开展“红心向党·青春献礼”主题党日活动。", "Activity", "红心向党·青春献礼"),
    ("依托“职工之家”“红色驿站”等便民服务站开展服务。", "Facility", "职工之家"),
    # 《》 titles
    ("局党组印发《关于加强基层党组织建设的实施意见》。", "Document", "关于加强基层党组织建设的实施意见"),
    # honours after award cues, not after 争创
    ("该支部荣获“全省先进基层党组织”称号。", "Honor", "全省先进基层党组织"),
    ("某某社区被评为全国民主法治示范社区。", "Honor", "全国民主法治示范社区"),
    # two quoted honours one after the other, one with inner quotes
    ("钱清税务所被评为“全国税务系统‘枫桥式’税务所”“浙江省青年文明号”。", "Honor", "浙江省青年文明号"),
    # a village with a one-character name after its town, and the same name alone later
    ("吴兴区妙西镇肇村党支部领办合作社。肇村先后获评“全国乡村旅游重点村”。", "Place", "肇村"),
    # a department (科/处/室) named with a verb-like word
    ("医院党委荣获称号,感染科党支部被评为“全省党建工作示范支部”。", "PartyOrganization", "感染科党支部"),
    # a verb before a name is not part of it
    ("医院托管丽水市中心医院,派驻专家团队42人。", "SocialOrganization", "丽水市中心医院"),
    # verbs inside a company's name are words of it
    ("中铁十局集团第三建设有限公司党委以“铁军先锋”党建品牌为引领。", "PartyOrganization", "中铁十局集团第三建设有限公司党委"),
    # a town and its village that jieba glued together (九华|乡妙源|村)
    ("第一检察部党支部与九华乡妙源村党支部结对共建。", "Place", "妙源村"),
    ("第一检察部党支部与九华乡妙源村党支部结对共建。", "Place", "九华乡"),
    # a port: place names and 港, but not 港务/港口
    ("宁波舟山港完成货物吞吐量13亿吨。", "Facility", "宁波舟山港"),
    # a party body, a verb, then a company: two names, not one
    ("京都苑社区党委联合浙江绿城物业服务集团有限公司党支部打造服务阵地。", "PartyOrganization", "京都苑社区党委"),
    ("京都苑社区党委联合浙江绿城物业服务集团有限公司党支部打造服务阵地。", "Enterprise", "浙江绿城物业服务集团有限公司"),
    # places: administrative names and regions
    ("推进珠三角地区协同发展,助力广东省佛山市南海区。", "Place", "南海区"),
    ("推进珠三角地区协同发展。", "Place", "珠三角"),
    ("服务成都都市圈建设。", "Place", "成都都市圈"),
    # facilities
    ("在园区建设非公企业党建展馆和党员活动长廊。", "Facility", "非公企业党建展馆"),
    ("新建的天桥路水上服务区正式启用。", "Facility", "天桥路水上服务区"),
    # activity lists closed by 等…活动
    ("先后开展了义务植树、“七一”走访慰问、红色观影等20余场活动。", "Activity", "义务植树"),
    # stem shared across a list
    ("嘉善县甲乙科技、丙丁机械两家公司党支部获评示范党组织。", "PartyOrganization", "丙丁机械公司党支部"),
    ("嘉善县甲乙科技、丙丁机械两家公司党支部获评示范党组织。", "Enterprise", "甲乙科技公司"),
    # persons in bylines and after titles
    ("□本版文字 周一鸣 林小雨\n正文。", "Person", "林小雨"),
    ("村党支部书记王建国带领党员上门走访。", "Person", "王建国"),
    ("社区党委书记刘晓燕被评为“全国优秀党务工作者”。", "Person", "刘晓燕"),
    # a quoted name and the kind after it: 定制 is not the 制 of “五包”制
    ("某公交公司开通“先锋号”定制公交线路12条。", "Project", "先锋号定制公交线路"),
    ("驾驶员王海燕荣获“全国五一劳动奖章”。", "Person", "王海燕"),
    ("急诊科护士陈丽华当选省人大代表。", "Person", "陈丽华"),
    # alliances: a grouping with a name of its own
    ("城北街道党工委牵头组建城北片区区域化党建联盟。", "SocialOrganization", "城北片区区域化党建联盟"),
    ("国网某市供电公司党委发起成立长三角电力党建联盟。", "SocialOrganization", "长三角电力党建联盟"),
    # 和平, 和谐: words of their own, not 和 joining two names
    ("凤县中心街道和平社区党委联合辖区单位开展志愿服务。", "PartyOrganization", "凤县中心街道和平社区党委"),
    ("城关镇和谐社区党支部获评五星级党支部。", "PartyOrganization", "城关镇和谐社区党支部"),
    # persons the name finder reads after any title, and names it bounds where the rules ran on
    ("会上,副院长王建国主持会议,零售户李秀英介绍了经验。", "Person", "李秀英"),
    ("会上,副院长王建国主持会议,零售户李秀英介绍了经验。", "Person", "王建国"),
    ("经河西区委研究决定,成立临时党支部。", "PartyOrganization", "河西区委"),
    ("会上,物流司机党支部委员会委员韩东升代表全体党员表态。", "Person", "韩东升"),
    ("该局入选市委直属机关工委2023年机关党建品牌优秀案例。", "Honor", "机关党建品牌优秀案例"),
    ("支部荣获2021年度五星示范党支部表彰。", "Honor", "五星示范党支部"),
    ("集团所辖长河物流有限公司党支部获评先进基层党组织。", "PartyOrganization", "长河物流有限公司党支部"),
    # honours: a list split at 、 and 和, a year before and the clause's tail after left out
    ("该所荣获河东省五一劳动奖章、长河市五一劳动奖章和河东省食品药品监管工作先进个人等称号。", "Honor", "长河市五一劳动奖章"),
    ("该所荣获河东省五一劳动奖章、长河市五一劳动奖章和河东省食品药品监管工作先进个人等称号。", "Honor", "河东省食品药品监管工作先进个人"),
    ("学院党支部荣获2024年度全省高校先进基层党组织后的又一荣誉。", "Honor", "全省高校先进基层党组织"),
    # the body that gives an honour, written before it, is a unit of its own
    ("某水务集团入选市国资委党委基层党建示范点名单。", "PartyOrganization", "市国资委党委"),
    ("某水务集团入选市国资委党委基层党建示范点名单。", "Honor", "基层党建示范点"),
    # kinds of unit from resources/suffixes.tsv and enterprise_prefixes.txt
    ("中建五局组织青年员工开展志愿服务。", "Enterprise", "中建五局"),
    ("长河团市委联合高校开展招聘活动。", "SocialOrganization", "长河团市委"),
    ("河东明理律师事务所党支部开展普法宣传。", "Enterprise", "河东明理律师事务所"),
    ("南湾村光伏电站并网发电,年发电量可观。", "Facility", "南湾村光伏电站"),
    ("青禾实验学校总支部委员会召开会议。", "PartyOrganization", "青禾实验学校总支部委员会"),
    ("河西区委非公工委组织开展培训。", "PartyOrganization", "河西区委非公工委"),
    ("南岭收费站开展文明服务。", "Facility", "南岭收费站"),
    # a rank (二等奖) is part of an honour's name, not 等 closing a list
    ("该中心党委荣获全市党课比赛一等奖。", "Honor", "全市党课比赛一等奖"),
    # quoted names typed by a cue verb a few words before them, or a kind after
    ("支部搭建青年学习“指尖课堂”,定期更新课程。", "Project", "指尖课堂"),
    ("社区先后举办两场“邻里夜话”,邀请居民参加。", "Activity", "邻里夜话"),
    ("窗口推出“假日办”“夜间办”“掌上办”套餐。", "Project", "夜间办"),
    ("局党组打造“清风徐来 税润万家”廉洁文化品牌。", "Brand", "清风徐来 税润万家"),
    ("中队上线“随手拍”监督平台。", "Project", "随手拍"),
    # words that say which ones before a name are not part of it
    ("近年来,科室质量控制中心先后荣获多项荣誉。", "GovernmentBody", "质量控制中心"),
    # a department named after its hospital is part of the hospital, of its type
    ("长河市人民医院康复科获评省级重点专科。", "SocialOrganization", "长河市人民医院康复科"),
    # more kinds of unit and of honour (resources/suffixes.tsv), more award cues (cues.tsv)
    ("河东市教科所组织课题评审。", "GovernmentBody", "河东市教科所"),
    ("河东省长河市工商联召开会议。", "SocialOrganization", "河东省长河市工商联"),
    ("两家单位举行党建结对签约仪式。", "Activity", "党建结对签约仪式"),
    ("团委组织开展青春风采短视频大赛。", "Activity", "青春风采短视频大赛"),
    ("该大队荣立集体三等功。", "Honor", "集体三等功"),
    ("城南村被评为市级“五美”红旗村。", "Honor", "市级“五美”红旗村"),
    ("城南社区党支部被选树为全市先锋模范支部。", "Honor", "全市先锋模范支部"),
    # a unit, a word inside names (基层), then its sub-unit's party body: one name
    ("河东市长河区市场监督管理局基层监管所第二联合党支部开展活动。", "PartyOrganization", "河东市长河区市场监督管理局基层监管所第二联合党支部"),
]


def names(doc, typ):
    out = set()
    for e in doc.entities.values():
        if e.type == typ:
            out |= {norm(e.label)} | {norm(a) for a in e.aliases}
    return out


@pytest.mark.parametrize("text,typ,label", CASES)
def test_entity_found(text, typ, label):
    doc = process_text(text)
    assert norm(label) in names(doc, typ), sorted((e.type, e.label) for e in doc.entities.values())


@pytest.mark.parametrize("text,label", [
    ("持续加强基层党组织的建设,党员干部要带头。", "基层党组织"),
    ("帮助企业建支部,强支部,搭平台。", "支部"),
    ("围绕中心、服务大局,推动工作落实。", "中心"),
    ("这一格局正在形成。", "格局"),
    ("深化“枫桥式”税务所建设,打造学习型党支部。", "枫桥式税务所"),
    ("肇村获评“浙江省美丽乡村特色精品村”。", "精品村"),
    ("温州港口岸通关更便捷,台州港务集团加快发展。", "台州港"),
    ("争创全国文明单位,力争更大突破。", None),
    ("与四川大学华西医院建立专科联盟,远程会诊量增长。", "专科联盟"),  # a kind of grouping, not one
    ("加入区域化党建联盟。", "区域化党建联盟"),
    # a kind of unit with words that only say which (resources/generic_modifiers.txt)
    ("苏皖两地有关供电所和乡镇供电所加强协作。", "乡镇供电所"),
    ("苏皖两地有关供电所和乡镇供电所加强协作。", "苏皖两地有关供电所"),
    ("推动公办学校与民办学校结对。", "公办学校"),
    ("会同行业主管部门走访所有社区。", "行业主管部门"),
    ("会同行业主管部门走访所有社区。", "所有社区"),
    # a class of project, and a bare 总商会, name none
    ("全力保障省重大项目青山港码头正式开港。", "省重大项目"),
    ("市工商联(总商会)召开执委会议。", "总商会"),
    # 等方面工作计划: a plan of work, named by no one
    ("会议明确了组织共建、人才共育等方面工作计划。", "方面工作计划"),
    ("会议明确了组织共建、人才共育等方面工作计划。", "工作计划"),
    # kinds of work listed before 等工作 name no project
    ("双方就支部建设情况、党员队伍管理等工作开展交流。", "党员队伍管理"),
    # 律所 is any law firm: its branch is a kind
    ("推动律所党支部规范化建设。", "律所党支部"),
    # a field and 部门 is a kind of department
    ("主动对接海事部门,保障船舶通行。", "海事部门"),
    # 跨部门: across departments, no department
    ("推动各支部之间搭建跨部门协作平台。", "各支部之间搭建跨部门"),
    # kinds of party body
    ("积极探索建立功能型党支部。", "功能型党支部"),
    # an honour's kind alone names no honour; a plan period names no project
    ("持续深化文明单位创建工作。", "文明单位"),
    ("学校申报“十四五”规划课题。", "十四五"),
    # kinds of activity listed after 开展 name no activity (resources/activity_kinds.txt)
    ("村里开展青年技能培训、独居老人慰问、志愿活动等系列活动。", "青年技能培训"),
    ("村里开展青年技能培训、独居老人慰问、志愿活动等系列活动。", "志愿活动"),
    # 地铁 after anything but a place names no company
    ("市民乘坐地铁1号线出行。", "市民乘坐地铁"),
    ("城市地铁建设加快推进。", "城市地铁"),
    # a unit named after several places at once is one in each (resources/plural_places.txt)
    ("指导县区农业农村局做好秋粮收购。", "县区农业农村局"),
    ("召开全省地市州工商联主席座谈会。", "地市州工商联"),
])
def test_generic_mentions_are_not_entities(text, label):
    doc = process_text(text)
    labels = {e.label for e in doc.entities.values() if e.type != "Honor"}
    if label:
        assert label not in labels
    assert not any(e.type in ("PartyOrganization", "GovernmentBody") for e in doc.entities.values())


@pytest.mark.parametrize("text,label", [
    ("队伍践行“爱岗、敬业、奉献、担当”服务理念。", "爱岗、敬业、奉献、担当"),  # a creed, no name
    ("隆重召开“七一”表彰会。", "七一"),  # a word of a longer name
    ("社区开展“五一”慰问、“国庆”联欢等活动。", "五一"),  # a day, not a name
    ("解决群众“急难愁盼”……品牌效应初显。", "急难愁盼"),
    ("实现“3个全覆盖”目标。", "3个全覆盖"),
    ("召开城东党建联盟第一届理事会。", "城东党建联盟第一届理事会"),  # a term of a body
    ("平台让群众查询党组织地址“随手查”。", "随手查"),  # 组织 of 党组织 is a word's, no cue
    ("认真落实“三会一课”和民主评议党员等制度。", "三会一课"),  # institutions of every branch
])
def test_quoted_words_that_name_nothing(text, label):
    doc = process_text(text)
    assert label not in {e.label for e in doc.entities.values()}, sorted(e.label for e in doc.entities.values())


@pytest.mark.parametrize("text,label", [
    ("全年新建110千伏变电站6座、线路186.5公里。", "110千伏变电站"),
    ("组建青年党员突击队12支,奋战在抢修一线。", "青年党员突击队"),
    ("炼油一部开展技术攻关项目35项,解决生产难题。", "技术攻关项目"),
])
def test_a_kind_being_counted_is_not_a_name(text, label):
    doc = process_text(text)
    assert label not in {e.label for e in doc.entities.values()}


@pytest.mark.parametrize("text,label", [
    ("会上,林科长介绍情况,王主任作总结。", "林科长"),  # a surname and a title are no name
    ("会上,林科长介绍情况,王主任作总结。", "王主任"),
    ("全体党员荣获表彰。", "荣获"),  # a title rule's guess the name finder does not read as a person
])
def test_titles_are_not_persons(text, label):
    doc = process_text(text)
    assert label not in {e.label for e in doc.entities.values() if e.type == "Person"}


@pytest.mark.parametrize("text,label", [
    ("代表们一起参观了社区服务中心。", "参观了社区"),  # a verb before a name is not part of it
    ("居民切身体会到党建引领给社区生活带来的改变。", "引领给社区"),
    ("支部主动对接团市委、区教育局等单位。", "接团市委"),  # nor inside a word (对接|团市委)
    ("各商会选优配强商会党支部委员,推行交叉任职。", "强商会"),  # nor with a verb jieba lists too rarely (配强)
])
def test_no_name_starts_with_a_verb(text, label):
    doc = process_text(text)
    assert not any(label in e.label for e in doc.entities.values()), sorted(e.label for e in doc.entities.values())


def test_mention_offsets_slice_the_text():
    doc = process_text("宁波市北仑区市场监督管理局党组打造“红色市监”党建品牌,获评全省先进基层党组织。")
    for m in doc.mentions:
        assert doc.text[m.start:m.end] == m.text


def test_a_village_named_once_in_full_is_found_again():
    doc = process_text("莆田市秀屿区东峤镇上塘村：党建引领共富路\n上塘村党委成立珠宝产业合作社。上塘村先后被评为“全国乡村治理示范村”。")
    labels = {e.label for e in doc.entities.values()}
    assert "上塘村党委" in labels and "塘村党委" not in labels, labels
    honours = {(doc.entities[r.subject].label, doc.entities[r.object].label) for r in doc.relations if r.predicate == "receivedHonor"}
    assert ("上塘村", "全国乡村治理示范村") in honours, honours


@pytest.mark.parametrize("text,label", [
    ("社区联合武侯区民政局开展关爱活动。", "武侯区民政局"),   # 政局 is a word, but 民政 is too: 民政|局
    ("某县财政局召开会议。", "某县财政局"),
])
def test_a_bureau_whose_tail_is_a_common_word_is_found(text, label):
    assert label in {e.label for e in process_text(text).entities.values()}


def test_a_title_inside_a_quoted_name_heads_no_person():
    doc = process_text("某县公安局实施“为民警阳光”工程。")
    assert not [e for e in doc.entities.values() if e.type == "Person"]


def test_no_unknown_place_is_read_inside_an_honour():
    doc = process_text("某某社区获评“四川省最美社区”,社区党委获评“全省先进基层党组织”。")
    places = {e.label for e in doc.entities.values() if e.type == "Place"}
    assert "最美社区" not in places and "四川省" in places, places


def test_places_written_before_a_unit_the_model_reads_open_its_name():
    """The model reads 某市|某区|某社区委员会 as places and a unit: the unit's name holds them."""
    from kg.doc import Doc
    from kg.mentions.model import find_model_names

    text = "由长河市青溪区云峰社区委员会牵头。"
    doc = Doc(path="t", source=text, text=text, offsets=list(range(len(text))))
    doc.words = [(0, 1, "p"), (1, 4, "LOC"), (4, 7, "LOC"), (7, 14, "ORG"), (14, 16, "v"), (16, 17, "w")]
    assert [m.label for m in find_model_names(doc)] == ["长河市青溪区云峰社区委员会"]


@pytest.mark.parametrize("text,words,person", [
    # the model cuts a name before a particle no name is followed by: 地 never, 之 not before a verb
    ("村民李再地和社员一起劳动。", [(0, 2, "n"), (2, 4, "PER"), (4, 5, "u"), (5, 6, "p"), (6, 8, "n")], "李再地"),
    ("书记王冰之分别作发言。", [(0, 2, "n"), (2, 4, "PER"), (4, 5, "u"), (5, 7, "d"), (7, 8, "v")], "王冰之"),
    ("书记王冰之家在村东头。", [(0, 2, "n"), (2, 4, "PER"), (4, 5, "u"), (5, 6, "n"), (6, 7, "p")], "王冰"),
])
def test_a_particle_after_a_two_character_name(text, words, person):
    from kg.doc import Doc
    from kg.mentions.model import find_model_names

    doc = Doc(path="t", source=text, text=text, offsets=list(range(len(text))))
    doc.words = words
    assert [m.label for m in find_model_names(doc) if m.type == "Person"] == [person]


@pytest.mark.parametrize("text", ["“办事方便多了。”前来咨询的市民刘某说。", "家住转塘街道龙坞村的王先生说。",
                                  "前来办事的李女士点赞。"])
def test_a_person_kept_unnamed_is_no_entity(text):
    """刘某, 王先生, 李女士: a surname and a title, no one's name."""
    doc = process_text(text)
    assert not [e for e in doc.entities.values() if e.type == "Person"]


def test_a_name_between_a_department_and_its_post_is_a_person():
    doc = process_text("会议邀请长河区教育局宣传科李明科长、组织科张伟副科长出席。")
    persons = {e.label for e in doc.entities.values() if e.type == "Person"}
    assert {"李明", "张伟"} <= persons, persons
    assert not {e.label for e in process_text("区卫健局办公室主任王明主持会议。").entities.values()} & {"公室"}


@pytest.mark.parametrize("text,host,host_type,honour", [
    ("长河市税务局党委“红帆”品牌入选由长河市委宣传部主办的首批“长河先锋”典型案例。",
     "长河市委宣传部", "PartyOrganization", "首批长河先锋典型案例"),
    ("北岭村党支部荣获由河东省民政厅颁发的全省和谐社区建设示范单位称号。",
     "河东省民政厅", "GovernmentBody", "全省和谐社区建设示范单位"),
])
def test_the_body_that_runs_a_selection_is_not_part_of_the_honour(text, host, host_type, honour):
    """入选由X主办的Y: X is an organisation, without the 由; Y is the honour."""
    doc = process_text(text)
    found = {(e.type, e.label) for e in doc.entities.values()}
    assert (host_type, host) in found, found
    assert any(t == "Honor" and label.startswith(honour[:6]) and host not in label for t, label in found), found
    assert not any(label.startswith("由") for _t, label in found)


def test_a_party_branch_of_a_unit_the_model_reads_whole():
    """某广场联动站|党支部: jieba's 站 is a verb, but the model read 某广场联动站 as one unit."""
    doc = process_text("6月24日上午,长河广场联动站党支部一行37人,赴市政务服务中心参观学习。")
    assert ("PartyOrganization", "长河广场联动站党支部") in {(e.type, e.label) for e in doc.entities.values()}


def test_a_block_letter_set_off_by_spaces_stays_in_a_place_name():
    doc = process_text("社区党委在长河苑 B 区广场开展纳凉晚会。")
    labels = {e.label for e in doc.entities.values()}
    assert "长河苑 B 区广场" in labels and "区广场" not in labels
    doc = process_text("全体党员 3 人参加了长河苑广场活动。")  # a count set off by spaces is not a block
    assert not any(label.startswith(("3", " ")) for label in (e.label for e in doc.entities.values()))
