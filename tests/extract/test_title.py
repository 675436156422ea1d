"""Title, own 发文字号 and 成文日期 on the first lines of real documents, one of every shape found.

Each fixture is our own short transcription of the opening (and, where the page shows it, the signature) of
a public government document as a portal, a law database or a reprint site prints it, with the page it was
read from. Body sentences are cut with “……”. The expected values are what a reader of the page would
write down; a date or number damaged past reading (牟定 { 2017 6 23) is expected to be None, not guessed.
"""

from __future__ import annotations

import pytest

from reviewtools.extract.metadata import extract
from reviewtools.ingest import read_bytes
from tests.extract.first_pages import FORMATS, HEADS

PAGES = [
    # https://0798ci.com/law/8240.html — the page heading repeats number and title; number under the title
    ("鲁政发〔2014〕20号《山东省人民政府关于深化预算管理制度改革的实施意见》\n浏览量:          时间:2016-01-17 23:45:19\n"
     "山东省人民政府关于深化预算管理制度改革的实施意见\n鲁政发〔2014〕20号\n"
     "各市人民政府,各县(市、区)人民政府,省政府各部门、各直属机构,各大企业,各高等院校:\n现代预算制度是现代财政制度的基础。……",
     "山东省人民政府关于深化预算管理制度改革的实施意见", "鲁政发〔2014〕20号", None),
    # http://zb.gov.cn/zbxzf/xzfwj/202404/49ca3d0c669f4c2ebf6f7fabf563549c.shtml — labels and values on lines apart
    ("返回顶部\n镇巴县人民政府工作规则\n• 索引号:\n6107280000/2024-001005\n• 主题分类:\n• 来源:\n• 发文机构:\n县政府网站\n"
     "• 发文字号:\n镇政发〔2024〕7号\n• 发文日期:\n2024年04月06日 16:40\n• 有效性:\n• 发布日期:\n2024年04月06日 16:34\n"
     "• 内容概述:\n镇巴县人民政府工作规则\n第一章总则\n一、根据《中华人民共和国宪法》……制定本规则。",
     "镇巴县人民政府工作规则", "镇政发〔2024〕7号", None),
    # https://xiexiebang.com/a10/2019051410/d2bb0893c964bd97.html — red head, number, title over two lines
    ("湖南省人民政府办公厅文件\n湘政办发〔2009〕24号\n湖南省人民政府办公厅关于加强普通高等学校\n毕业生就业工作的通知\n"
     "各市州、县市区人民政府,省政府各厅委、各直属机构:\n根据《国务院办公厅关于加强普通高等学校毕业生就业工作的通知》"
     "(国办发„2009‟3号)精神,……通知如下:",
     "湖南省人民政府办公厅关于加强普通高等学校毕业生就业工作的通知", "湘政办发〔2009〕24号", None),
    # http://www.mdx.gov.cn/info/egovinfo/1007/overt_centent/11532323015172622Y-/2018-1220012.htm — number lost
    # its closing bracket, the signature date its characters
    ("牟定县人民政府\n首页 >> 公开信息内容\n牟定县人民政府办公室关于印发牟定县突发环境事件应急预案(试行)的通知\n"
     "索引号:11532323015172622Y-/2018-1220012 公文目录:应急管理 发文日期:2017年06月28日 主题词: 文  号: 成文日期:\n"
     "牟政办发〔201746\n各乡镇人民政府,县级有关部门:\n经县人民政府同意,现将《牟定县突发环境事件应急预案(试行)》印发给你们,"
     "请认真贯彻执行,……同时废止。\n牟定县人民政府办公室\n(此件公开发布)\n{ 2017 6 23\n牟定县突发环境事件应急预案(试行)",
     "牟定县人民政府办公室关于印发牟定县突发环境事件应急预案(试行)的通知", "牟政办发〔2017〕46号", None),
    # http://zwgkw.thx.gov.cn/openness/detail/content/5c4829ad7f8b9a6f388be521.html — metadata table as text,
    # 文号 empty
    ("首页 > 太湖县人民政府办公室信息公开 > 信息浏览\n索引号: 003129766/201901-00336 组配分类: 规范性文件发布\n"
     "信息分类: 通知   发布机构: 太湖县人民政府办公室\n生成日期: 2019-01-23 文号:\n发文日期: 2019-01-23 生效时间: 2019-01-23\n"
     "废止时间: 2020-01-23 名称: 太湖县人民政府关于印发《太湖县人民政府工作规则》的通知\n信息来源: 关键词:\n浏览次数: 590 内容概述:\n"
     "太湖县人民政府关于印发《太湖县人民政府工作规则》的通知\n各乡、镇人民政府,县政府各部门、各直属机构:\n"
     "《太湖县人民政府工作规则》已经2019年1月4日县政府第三次全体会议通过,现予印发,请遵照执行。\n太湖县人民政府\n2019年1月17日\n"
     "太湖县人民政府工作规则",
     "太湖县人民政府关于印发《太湖县人民政府工作规则》的通知", None, "2019-01-17"),
    # http://htgfsre.cn/nw41430/20200823/0001-41430_54611.html — number above a title that is not 关于…
    ("沪府发〔2017〕92号\n上海市人民政府印发《关于本市加强政务诚信建设的实施意见》的通知\n各区人民政府,市政府各委、办、局:\n"
     "现将《关于本市加强政务诚信建设的实施意见》印发给你们,请认真按照执行。\n上海市人民政府\n2017年12月20日\n"
     "关于本市加强政务诚信建设的实施意见",
     "上海市人民政府印发《关于本市加强政务诚信建设的实施意见》的通知", "沪府发〔2017〕92号", "2017-12-20"),
    # https://0798ci.com/policy/70942.html — the title in 《》, the number twice
    ("京政办发〔2016〕26号《北京市人民政府办公厅关于印发〈北京市2016年政务公开工作要点〉的通知》\n"
     "《北京市人民政府办公厅关于印发〈北京市2016年政务公开工作要点〉的通知》\n京政办发〔2016〕26号\n京政办发〔2016〕26号\n"
     "各区人民政府,市政府各委、办、局,各市属机构:\n《北京市2016年政务公开工作要点》已经市政府同意,现印发给你们,请结合实际认真贯彻落实。\n"
     "北京市人民政府办公厅\n2016年5月28日",
     "北京市人民政府办公厅关于印发〈北京市2016年政务公开工作要点〉的通知", "京政办发〔2016〕26号", "2016-05-28"),
    # http://www.sangco.com.cn/gkmlpt/content/3/3608/post_3608759.html — 实施意见 citing a 《》 title
    ("东府〔2021〕54号\n东莞市人民政府关于贯彻落实《广东省进一步稳定和扩大就业若干政策措施》的实施意见\n"
     "各镇人民政府(街道办事处),市府直属各单位:\n为贯彻落实《广东省人民政府关于印发广东省进一步稳定和扩大就业若干政策措施的通知》"
     "(粤府〔2021〕13号),……提出如下意见:",
     "东莞市人民政府关于贯彻落实《广东省进一步稳定和扩大就业若干政策措施》的实施意见", "东府〔2021〕54号", None),
    # https://gd.pkulaw.com/gdnormativedoc/13327b4c3aa83630ddccf78d2c8690a6bdfb.html — a database's page controls
    ("广东规范性文件 > 正文阅览\n转第\n下载\n保留字段信息\n页面宽度(px):\n页面宽度范围为200至2000\n"
     "清远市人民政府关于印发《清远市人民政府工作规则》的通知(2019修订)\n清远市人民政府关于印发《清远市人民政府工作规则》的通知\n"
     "各县(市、区)人民政府,市政府各部门、各直属机构:\n新修订的《清远市人民政府工作规则》已经七届第44次市政府常务会议审议通过。……\n"
     "清远市人民政府\n2019年11月29日\n清远市人民政府工作规则(2019年11月修订)",
     "清远市人民政府关于印发《清远市人民政府工作规则》的通知(2019修订)", None, "2019-11-29"),
    # https://xiexiebang.com/a3/2019051222/736fb3de2916973e.html — red head, half-width brackets, a rule line
    ("贵州省国土资源厅文件\n黔国土资发[2006]83号\n------------------\n关于推进矿产资源勘查规范探矿权延续登记有关问题的通知\n"
     "为认真贯彻落实《国务院关于全面整顿和规范矿产资源开发秩序的通知》(国发[2005]28号)……请认真贯彻执行。",
     "关于推进矿产资源勘查规范探矿权延续登记有关问题的通知", "黔国土资发〔2006〕83号", None),
    # http://cit.caiyes.cn/thread-22787-1-1.html — a 通告 whose title runs over two lines
    ("南京市人民政府关于对黄色环保标志及\n无环保标志的汽车实施限制通行措施的通告\n"
     "为改善城市环境空气质量,保障人民群众身体健康,根据……特通告如下:",
     "南京市人民政府关于对黄色环保标志及无环保标志的汽车实施限制通行措施的通告", None, None),
    # http://004km.cn/a13/2019051513/e56ff816a5e611ad.html — issuer and kind only
    ("中华人民共和国公安部通告\n为确保国际民航班机的运输安全,……实行安全技术检查。",
     "中华人民共和国公安部通告", None, None),
    # http://chaincenturyfinance.com/tzgg/2421.html — the first title line ends at 关于
    ("省人民政府关于\n进一步优化营商环境的若干意见\n鄂政发〔2018〕26号\n各市、州、县人民政府,省政府各部门:\n"
     "为深入贯彻习近平总书记关于加大营商环境改革力度的重要指示精神,……提出如下意见。",
     "省人民政府关于进一步优化营商环境的若干意见", "鄂政发〔2018〕26号", None),
    # http://imasd-velecdom.com/prestashop/show.aspx?ES=41ht5.html — a date bar above a two-line title
    ("发布时间:2024-11-01 21:09:52 来源: sp20241101\n国务院关于推动内蒙古高质量发展\n奋力书写中国式现代化新篇章的意见\n"
     "国发〔2023〕16号\n各省、自治区、直辖市人民政府,国务院各部委、各直属机构:\n紧紧围绕高质量发展这个首要任务,……现提出如下意见。",
     "国务院关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见", "国发〔2023〕16号", None),
    # http://zhongmujiang.cn/articleDetailssjk_id_1283.html — opens with the 主送 line: the sent text's title
    ("各省、自治区、直辖市人民政府,国务院各部委、各直属机构:\n"
     "财政部、发展改革委、人民银行《关于在公共服务领域推广政府和社会资本合作模式的指导意见》已经国务院同意,现转发给你们,请认真贯彻执行。\n"
     "在公共服务领域推广政府和社会资本合作模式,……具有战略意义。\n国务院办公厅\n2015年5月19日\n(此件公开发布)\n"
     "关于在公共服务领域推广政府和社会资本合作模式的指导意见\n财政部 发展改革委 人民银行",
     "关于在公共服务领域推广政府和社会资本合作模式的指导意见", None, "2015-05-19"),
    # http://law161.infoeach.com/view-MTYxfDcyNTI0.html — a 政府令 signed in Chinese numerals with Latin O
    ("您的位置: 首页 » 法律资料网 » 法律法规 »\n铁岭市行政执法责任制规定\n"
     "时间:2024-07-05 13:48:52 来源: 法律资料网 作者:法律资料网 阅读:8400\n下载地址: 点击此处下载\n铁岭市行政执法责任制规定\n"
     "辽宁省铁岭市人民政府\n铁岭市人民政府令第 42 号\n"
     "《铁岭市行政执法责任制规定》业经2004年7月15日市政府第6次常务会议审议通过,现予发布,自2004年8月1日起施行。\n"
     "市长 左大光\n二OO四年七月二十日\n铁岭市行政执法责任制规定\n第一条 为全面建立和实行行政执法责任制,……制定本规定。",
     "铁岭市行政执法责任制规定", None, "2004-07-20"),
    # https://dscjxm.com/www/info/1112/41099 — a metadata list with “- ” bullets and a 名 称 label
    ("- 索引号:dqxs/2021-00016\n- 发文字号:阿行发〔2021〕42号\n- 发文机构:地区行署\n"
     "- 名 称:阿里地区行政公署关于印发《阿里地区行政公署工作规则》的通知\n- 公文种类 :其他\n- 发布日期:2021-12-22 17:45\n"
     "阿里地区行政公署关于印发《阿里地区行政公署工作规则》的通知\n发布时间:2021-12-22 17:45 浏览次数:\n"
     "各县人民政府,行署各局、委、办、处:\n《阿里地区行政公署工作规则》已经地委、行署研究通过,现印发给你们,请认真贯彻执行。\n"
     "阿里地区行政公署\n2021年11月9日\n阿里地区行政公署工作规则",
     "阿里地区行政公署关于印发《阿里地区行政公署工作规则》的通知", "阿行发〔2021〕42号", "2021-11-09"),
    # https://fanpusoft.com/xingzheng/gw/88787.html — the page's heading above the notice that sends it
    ("河北省地理信息局公文处理实施细则\n关于印发《河北省地理信息局\n公文处理实施细则》的通知\n冀地信〔2013〕17号\n局机关各处室:\n"
     "现将《河北省地理信息局公文处理实施细则》印发给你们,请遵照执行。\n2013年2月25日\n河北省地理信息局公文处理实施细则\n第一章 总则",
     "关于印发《河北省地理信息局公文处理实施细则》的通知", "冀地信〔2013〕17号", "2013-02-25"),
    # http://law842.infoeach.com/view-ODQyfDEyMjgzNw==.html — 政府令 of 1994, date in Chinese numerals
    ("您的位置: 首页 » 法律资料网 » 法律法规 »\n湖北省行政事业性收费管理办法\n"
     "作者:法律资料网 时间:2024-06-26 07:53:48  浏览:9231   来源:法律资料网\n下载地址: 点击此处下载\n湖北省行政事业性收费管理办法\n"
     "湖北省人民政府\n湖北省人民政府令(第52号)\n"
     "《湖北省行政事业性收费管理办法》已经一九九三年十月十九日省人民政府常务会议审议通过,现发布施行。\n"
     "                         省长 贾志杰\n                           一九九四年一月三日\n"
     "           湖北省行政事业性收费管理办法\n  第一条 为加强对行政事业性收费的管理,……制定本办法。",
     "湖北省行政事业性收费管理办法", None, "1994-01-03"),
    # http://law331.infoeach.com/view-MzMxfDEyNjA1Mw==.html — the publication note in brackets is no signature
    ("济南市文化娱乐市场管理规定\n作者:法律资料网 时间:2024-07-22 18:21:41  浏览:9436   来源:法律资料网\n济南市文化娱乐市场管理规定\n"
     "山东省济南市人民政府\n济南市文化娱乐市场管理规定\n (1991年3月26日济南市人民政府令19号发布)\n"
     " 第一条 为加强本市文化娱乐市场管理,……制定本规定。",
     "济南市文化娱乐市场管理规定", None, None),
    # https://pingjiang.gov.cn/35048/40718/40820/40821/content_1202379.html — joint issuers, number closing the title
    ("归档时间:2018-11-21\n当前位置: 首页 > 政务公开 > 政务公开工作要点 > 公开制度化 > 政策法规\n"
     "中共岳阳市委办公室岳阳市人民政府办公室印发《关于全面推进政务公开工作的实施意见》的通知(岳办发〔2017〕2号)\n"
     "来源:岳阳市政府门户网 日期:2017-01-12 17:08 字号:【\n视力保护色:\n浏览量:\n"
     "各县市区委、人民政府,岳阳经济技术开发区、城陵矶新港区、南湖新区、屈原管理区,市直各单位,中央、省驻岳单位:\n"
     "《关于全面推进政务公开工作的实施意见》已经市委、市人民政府同意,现印发给你们,请结合实际认真贯彻执行。\n"
     "中共岳阳市委办公室\n岳阳市人民政府办公室\n2017年1月10日\n关于全面推进政务公开工作的实施意见",
     "中共岳阳市委办公室岳阳市人民政府办公室印发《关于全面推进政务公开工作的实施意见》的通知", "岳办发〔2017〕2号", "2017-01-10"),
    # http://nbxinxi.com/a/xinchangxian/20210603/241456.html — no head; the plan's own title after the notice
    ("朗读\n各乡镇人民政府、街道办事处,县府各部门:\n《新昌县森林火灾事故应急预案》已经县政府同意,现予印发,希认真贯彻执行。\n"
     "二○一○年十一月一日\n新昌县森林火灾事故应急预案\n目 录\n1 总则",
     "新昌县森林火灾事故应急预案", None, "2010-11-01"),
    # http://fsnymphe.com/html/ycxxxgkptcontent.jspurltypenews.NewsContentUrl&wbtreeid1224&wbnewsid20746.html
    ("盐政发〔2017〕40号\n盐池县人民政府工作规则\n第一章 总 则\n第一条 根据《中华人民共和国宪法》……制定本规则。",
     "盐池县人民政府工作规则", "盐政发〔2017〕40号", None),
    # https://www.guanganqu.gov.cn/gaqrmzf/zdjc/pc/content/content_1717747978409553920.html — page title, then the
    # 版头: broken number, issuer line, title over two lines, 主送 without its colon
    ("您当前所在位置:\n广安市广安区人民政府办公室关于印发广安市广安区城市精细化管理实施细则的通知\n• 2020-11-13 14:42\n"
     "• 来源:广安区人民政府\n• 分享到:\n广安区府办发〔202026\n广安市广安区人民政府办公室\n关于印发广安市广安区城市精细化管理\n"
     "实施细则的通知\n各街道办事处,区级各部门,官盛新区管委会\n"
     "《广安市广安区城市精细化管理实施细则》已经六届区政府第56次常务会审议通过,现印发你们,请认真遵照执行。\n"
     "广安市广安区人民政府办公室\n2020年10月28日\n广安市广安区城市精细化管理实施细则",
     "广安市广安区人民政府办公室关于印发广安市广安区城市精细化管理实施细则的通知", "广安区府办发〔2020〕26号", "2020-10-28"),
    # http://www.dongyang.gov.cn/art/2023/3/21/art_1229692327_59603057.html — a space before 关于
    ("东阳市人民政府办公室 关于印发《东阳市促进残疾人就业行动实施方案(2023—2025年)》的通知\n"
     "发布日期:2023-03-21访问次数: 信息来源:东阳市人民政府办公室\n各镇、乡人民政府,各街道办事处,市政府各部门:\n"
     "《东阳市促进残疾人就业行动实施方案(2023—2025年)》已经市政府同意,现印发你们,请结合实际认真贯彻落实。\n"
     "东阳市人民政府办公室\n2023年3月13日\n(此件公开发布)\n东阳市促进残疾人就业行动实施方案(2023—2025年)",
     "东阳市人民政府办公室关于印发《东阳市促进残疾人就业行动实施方案(2023—2025年)》的通知", None, "2023-03-13"),
    # http://law342.infoeach.com/view-MzQyfDYyOTgx.html — a ministry's 办法 reprinted with its issuer below
    ("您的位置: 首页 » 法律资料网 » 法律法规 »\n化工建设项目优秀环境影响报告书评选办法\n"
     "作者:法律资料网 时间:2024-07-09 17:48:43  浏览:9749   来源:法律资料网\n下载地址: 点击此处下载\n"
     "化工建设项目优秀环境影响报告书评选办法\n化工部\n化工建设项目优秀环境影响报告书评选办法\n化工部\n一、总则\n"
     "第一条 为了促进环境评价单位加强队伍建设和基础建设,……特制订本办法。",
     "化工建设项目优秀环境影响报告书评选办法", None, None),
    # http://law356.infoeach.com/view-MzU2fDExMTg5.html — a year in brackets after the kind
    ("厦门市新型墙体材料管理规定(2002年)\n作者:法律资料网 时间:2024-06-25 14:15:56   浏览:8552   来源:法律资料网\n"
     "下载地址: 点击此处下载\n厦门市新型墙体材料管理规定(2002年)\n福建省厦门市人民政府\n厦门市新型墙体材料管理规定\n"
     "  第一条为推进本市墙体材料革新和建筑节能工作,……制定本规定。",
     "厦门市新型墙体材料管理规定(2002年)", None, None),
    # https://m.stra.cn/wenku/reegd/q63AYmN5J5 — a 通告 closed by 特此通告 and its issuer, no date
    ("您的当前位置:首页正文\n关于维护交通秩序的通告\n2021-01-22 来源:星星旅游\n"
     "  道路交通的安全和畅通,是广大人民群众正常生产、生活的基本保证。……特通告如下:\n  特此通告\n  德州市公安局",
     "关于维护交通秩序的通告", None, None),
    # http://zwgk.xishui.gov.cn/fggw/zfwj/206.html — 文件标题 and 文 号 labels, then the document itself
    ("中国政府网 湖北政府网 黄冈政府网 浠水新闻网 繁体中文\n当前位置:首页 > 法规公文 > 政府文件\n"
     "索引号: 011282752 / 2017-00101 主题分类:\n发布机构: 浠水县人民政府 发文日期: 2017-01-28\n"
     "文件标题: 县人民政府关于印发《浠水县人民政府工作规则》的通知\n文 号: 浠政发〔2017〕1号 主题词:\n浠水县人民政府\n"
     "县人民政府关于印发《浠水县人民政府工作规则》的通知\n浠政发〔2017〕1号\n各乡镇人民政府(管委会、管理处),县政府各部门:\n"
     "《浠水县人民政府工作规则》已经2017年1月18日召开的县第十七届人民政府第2次常务会议审议通过,现予印发。\n"
     "  浠水县人民政府\n  2017年1月24日\n  浠水县人民政府工作规则",
     "县人民政府关于印发《浠水县人民政府工作规则》的通知", "浠政发〔2017〕1号", "2017-01-24"),
    # https://www.1mishu.com/Article/guizhangzhidu/gongzuoguize/201211/745353.html — the title twice
    ("首页 > 文章中心 > 正文\n县政工作细则\n县政工作细则\n第一章总则\n第一条为促进县政府各项工作法制化、规范化、制度化,……制定本规则。",
     "县政工作细则", None, None),
    # http://law732.infoeach.com/view-NzMyfDk4Mjgz.html — signed only with a date in Chinese numerals
    ("临沧市人民政府关于印发临沧市道路交通安全管理特别规定(试行)的通知\n"
     "作者:法律资料网 时间:2024-07-05 22:45:45   浏览:8903   来源:法律资料网\n下载地址: 点击此处下载\n"
     "临沧市人民政府关于印发临沧市道路交通安全管理特别规定(试行)的通知\n云南省临沧市人民政府\n"
     "临沧市人民政府关于印发临沧市道路交通安全管理特别规定(试行)的通知\n各县、区人民政府,市直各委、办、局:\n"
     "《临沧市道路交通安全管理特别规定(试行)》已经市人民政府2006年度第一次常务会议讨论通过,现印发给你们,请认真遵照执行。\n"
     "二OO六年二月二十日     \n临沧市道路交通安全管理特别规定(试行)\n第一条 为加强我市道路交通安全管理,……特制定本规定。",
     "临沧市人民政府关于印发临沧市道路交通安全管理特别规定(试行)的通知", None, "2006-02-20"),
    # http://law582.infoeach.com/view-NTgyfDExNjk4Mg==.html — a 政府令 number written with 第
    ("您的位置: 首页 » 法律资料网 » 法律法规 »\n河北省人工影响天气管理规定\n"
     "作者:法律资料网 时间:2024-07-06 04:34:58  浏览:8616   来源:法律资料网\n下载地址: 点击此处下载\n河北省人工影响天气管理规定\n"
     "河北省人民政府\n河北省人工影响天气管理规定\n政府令〔2010〕第15号\n"
     "《河北省人工影响天气管理规定》已经2010年12月14日省政府第76次常务会议通过,现予公布,自2011年2月1日起施行。\n省长\n"
     "二○一○年十二月二十五日\n河北省人工影响天气管理规定\n第一章总则",
     "河北省人工影响天气管理规定", "政府令〔2010〕15号", "2010-12-25"),
    # http://law61.infoeach.com/view-NjF8OTQ3MzA=.html — a transmittal signed with ○ in the year
    ("您的位置: 首页 » 法律资料网 » 法律法规 »\n泉州市人民政府关于印发《泉州中心市区道路交通安全管理规定》的通知\n"
     "时间:2024-07-12 10:15:15 来源: 法律资料网 作者:法律资料网 阅读:9851\n下载地址: 点击此处下载\n"
     "泉州市人民政府关于印发《泉州中心市区道路交通安全管理规定》的通知\n福建省泉州市人民政府\n"
     "泉州市人民政府关于印发《泉州中心市区道路交通安全管理规定》的通知\n各县(市、区)人民政府、泉州开发区管委会,市直各单位:\n"
     "《泉州中心市区道路交通安全管理规定》已经泉州市人民政府第3次市长办公会议研究通过,现印发给你们,请遵照执行。\n"
     "二○○七年二月十二日\n泉州中心市区道路交通安全管理规定",
     "泉州市人民政府关于印发《泉州中心市区道路交通安全管理规定》的通知", None, "2007-02-12"),
    # http://www.casakenia.com/laws/12952 — tags and a run-on summary above a title over two lines and the
    # number in brackets under it
    ("安徽省人民政府关于实施《国务院关于基础教育改革与发展的决定》的意见\n2025-06-07 16:43\n166人看过\n学校\n农村\n教师\n"
     "安徽省人民政府关于实施《国务院关于基础教育改革与发展的决定》的意见(皖政[2001]85号)各市、县人民政府,省政府各部门、"
     "各直属机构:为认真贯彻落实《国务院关于基础教育改革与发展\n安徽省人民政府关于实施\n《国务院关于基础教育改革与发展的决定》的意见\n"
     "(皖政[2001]85号)\n各市、县人民政府,省政府各部门、各直属机构:\n"
     "为认真贯彻落实《国务院关于基础教育改革与发展的决定》(国发[2001]21号)和全国基础教育工作会议精神,……提出以下实施意见。",
     "安徽省人民政府关于实施《国务院关于基础教育改革与发展的决定》的意见", "皖政〔2001〕85号", None),
    # http://jiaxiang.gov.cn/art/2021/7/19/art_72008_2718080.html — a column name before 丨, the issuer on a line
    # of its own above 关于…
    ("政务服务丨济宁市人民政府关于持续深化“市县同权”改革的实施意见\n- 发布日期:2021-07-19\n- 浏览次数:\n济宁市人民政府\n"
     "关于持续深化“市县同权”改革的实施意见\n济政字〔2021〕30号\n"
     "各县(市、区)人民政府,济宁高新区、太白湖新区、济宁经济技术开发区、曲阜文化建设示范区管委会(推进办公室),市政府各部门,"
     "各大企业,各高等院校:\n为持续深入推进简政放权、放管结合、优化服务改革,……制定本意见。",
     "济宁市人民政府关于持续深化“市县同权”改革的实施意见", "济政字〔2021〕30号", None),
    # http://law186.infoeach.com/view-MTg2fDYwNTQ2.html — a 函 sending a guide, its 附件 line above the signature
    ("您的位置: 首页 » 法律资料网 » 法律法规 »\n国务院办公厅关于印发《国务院有关部门和单位制定和修订突发公共事件应急预案框架指南》的函\n"
     "作者:法律资料网 时间:2024-07-10 17:58:41  浏览:8283   来源:法律资料网\n下载地址: 点击此处下载\n"
     "国务院办公厅关于印发《国务院有关部门和单位制定和修订突发公共事件应急预案框架指南》的函\n国务院办公厅\n"
     "国务院办公厅关于印发《国务院有关部门和单位制定和修订突发公共事件应急预案框架指南》的函\n国办函[2004]33号\n"
     "国务院有关部门、单位:\n现将《国务院有关部门和单位制定和修订突发公共事件应急预案框架指南》印发给你们,以供你们在制定和修订应急预案时参照。\n"
     "附件:关于《国务院有关部门和单位制定和修订突发公共事件应急预案框架指南》的说明\n国务院办公厅\n二OO四年四月六日\n"
     "国务院有关部门和单位制定和修订突发公共事件应急预案框架指南\n1.总则",
     "国务院办公厅关于印发《国务院有关部门和单位制定和修订突发公共事件应急预案框架指南》的函", "国办函〔2004〕33号", "2004-04-06"),
    # http://czzy-edu.com/19/22/422/500/502/content_6755.html — an internal notice without a title
    ("各系部、处室:\n根据郴州市科协下发的《郴州市科协学会服务能力提升计划2017年度项目申报指南》,……现将申报工作有关事项通知如下:\n"
     "1.申报项目的负责人须严格按照……要求组织申报。\n6.申报截止日期为2017年10月23日,逾期不予受理。\n科研设备处\n2017年9月26日",
     None, None, "2017-09-26"),
    # ../shared/seeds/000 — a portal page: login bar, title, date bar, number in small tortoise-shell brackets
    ("用户名 密码 邮箱\n关于印发大连市文化广播影视局法治政府建设实施方案(2016-2020年)的通知\n"
     "时间:2017-06-26  作者:超管  文章来源:局办公室\n大文广发﹝2017﹞74号\n机关各处室、局直各单位:\n"
     "  现将《大连市文化广播影视局法治政府建设实施方案(2016-2020年)》印发给你们,请认真贯彻执行。\n"
     "                        大连市文化广播影视局\n                        2017年6月22日",
     "关于印发大连市文化广播影视局法治政府建设实施方案(2016-2020年)的通知", "大文广发〔2017〕74号", "2017-06-22"),
    # ../shared/seeds/001 — no head at all: 主送, one sentence, the date, the plan's body
    ("局属各单位、机关各科室:\n现将《漯河市文化广电和旅游局创建全国法治政府建设示范市工作实施方案》印发你们,请结合实际,认真贯彻落实。\n"
     "2021年5月28日\n为深入贯彻党的十九届五中全会和中央全面依法治国工作会议精神,……",
     None, None, "2021-05-28"),
    # ../shared/seeds/002 — a portal table (cells joined by |) over a report without a title
    ("索引号: | 772330499/2020-76839 | 组配分类: | 计划总结 |\n发布机构: | 区文化和广电旅游体育局 | 发文日期: | 2020-03-30 |\n"
     "公开方式: | 主动公开 | 公开范围: | 面向全社会 |\n2019年,我局在区委区政府的领导下,……现将我局2019年度推进法治政府建设相关工作情况报告如下:\n"
     "一、强化组织领导\n……\n海曙区文化和广电旅游体育局\n2020年3月30日",
     None, None, "2020-03-30"),
    # ../shared/seeds/003 — site name, title, date bar, the title again, a number missing bracket and 号
    ("大连政务服务综合平台\n大连市人民政府办公厅关于印发大连市全面推进依法行政(法治政府建设)规划(2016—2020年)的通知\n"
     "发布时间 : 2016-07-14 10:38:42    编辑 : 本站编辑    字号 :         \n"
     "大连市人民政府办公厅关于印发大连市全面推进依法行政(法治政府建设)规划(20162020年)的通知\n大政办发〔201641\n"
     "各区市县人民政府,各先导区管委会,市政府各委办局、各直属机构:",
     "大连市人民政府办公厅关于印发大连市全面推进依法行政(法治政府建设)规划(2016—2020年)的通知", "大政办发〔2016〕41号", None),
    # ../shared/seeds/004 — breadcrumb, font-size control, a metadata table whose 标题 cell holds the title
    ("当前位置:首页>政府信息公开>部门信息公开目录>政府组成部门>文旅局>公开目录>依法行政\n字体大小:【大】 【中】 【小】\n"
     "| 索引号:01236931-5/2020-11574 | |\n| 发文字号: | 发文时间: |\n| 发文机关:上党区文化和旅游局 | 主题词: |\n"
     "| 标题:上党区文旅局行政执法公示制度执法全过程记录制度重大执法决策法制审核制度工作实施方案 | |\n| 主题分类:文化 | 发布日期: |\n"
     "为深入贯彻落实《长治市全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》……",
     "上党区文旅局行政执法公示制度执法全过程记录制度重大执法决策法制审核制度工作实施方案", None, None),
]


@pytest.mark.parametrize(("text", "title", "number", "issued"), PAGES, ids=[str(i) for i in range(len(PAGES))])
def test_first_pages(text, title, number, issued):
    doc = read_bytes(text.encode(), "page.txt")
    m = extract(doc)
    assert (m.title.value if m.title else None) == title
    assert (m.doc_number.value if m.doc_number else None) == number
    assert (m.issued_on.value if m.issued_on else None) == issued
    for f in (m.title, m.doc_number, m.issued_on):  # every value found in the text quotes it exactly
        if f is not None and f.start is not None:
            assert doc.text[f.start:f.end] == f.text


def test_the_table_is_large_enough():
    assert len(PAGES) >= 40


# Shapes the issue names, written here (our own sentences): each with the title, number and date expected.
SHAPES = [
    # letter-spaced title under the issuer line
    ("某县人民政府办公室\n某政办函〔2024〕8号\n某县人民政府办公室关于印发\n某 县 防 汛 应 急 预 案 的 函\n各乡镇人民政府：\n现将预案印发给你们。",
     "某县人民政府办公室关于印发某县防汛应急预案的函", "某政办函〔2024〕8号", None),
    # a form's label kept before the title; the number labelled on the next line
    ("公文标题：关于调整某项补助标准的通知\n文号：\n某财发〔2023〕11号\n各有关单位：\n现将有关事项通知如下。\n某县财政局\n2023年4月2日",
     "关于调整某项补助标准的通知", "某财发〔2023〕11号", "2023-04-02"),
    # an attached text that starts with its 附件N label, signed in Chinese numerals with 〇
    ("附件1\n某市城市道路占用挖掘管理办法\n第一条 为加强城市道路管理，制定本办法。\n某市人民政府\n二〇二三年五月六日",
     "某市城市道路占用挖掘管理办法", None, "2023-05-06"),
    ("附件2：某县农村公路养护考核细则\n一、考核对象\n各乡镇负责本辖区农村公路养护。",
     "某县农村公路养护考核细则", None, None),
    # an outline labelled 大纲N
    ("大纲1\n某市公务员法律知识考试大纲\n一、考试范围\n考试内容包括宪法和行政法。", "某市公务员法律知识考试大纲", None, None),
    # red head with 签发人 on the number's line, the title not 关于…
    ("某市人民政府文件\n某政发〔2024〕2号　　　　签发人：张三\n某市人民政府印发某市重点项目管理办法的通知\n各区人民政府：\n现印发给你们。\n"
     "某市人民政府\n2024年1月8日",
     "某市人民政府印发某市重点项目管理办法的通知", "某政发〔2024〕2号", "2024-01-08"),
    # the date in brackets with the number under a State Council style title
    ("某省人民政府关于修改部分规章的决定\n（2020年3月4日某政发〔2020〕6号）\n为贯彻落实有关要求，省政府决定修改下列规章。",
     "某省人民政府关于修改部分规章的决定", "某政发〔2020〕6号", None),
    # the signature date glued to the 版记 by a page break
    ("关于做好某项工作的通知\n各部门：\n请认真执行。\n某县人民政府办公室\n2012年12月12日抄送：县委办公室，县人大常委会办公室。",
     "关于做好某项工作的通知", None, "2012-12-12"),
    # 份号, 密级, 紧急程度 above the issuer line; the issuer alone above a 关于 line
    ("000123\n机密★1年\n特急\n某县人民政府\n关于加强森林防火工作的通知\n某政发〔2021〕9号\n各乡镇人民政府：\n现通知如下。",
     "某县人民政府关于加强森林防火工作的通知", "某政发〔2021〕9号", None),
    # the issuer alone above a title that goes on with 印发
    ("某市人民政府办公室\n印发某市促进消费若干措施的通知\n某政办发〔2023〕4号\n各区人民政府：\n现印发给你们。",
     "某市人民政府办公室印发某市促进消费若干措施的通知", "某政办发〔2023〕4号", None),
    # a portal date bar above the title is not the 成文日期; the signature date is
    ("2024年6月1日\n某区关于规范停车收费的通告\n为规范停车秩序，现通告如下。\n某区人民政府\n2024年5月20日",
     "某区关于规范停车收费的通告", None, "2024-05-20"),
]


@pytest.mark.parametrize(("text", "title", "number", "issued"), SHAPES, ids=[str(i) for i in range(len(SHAPES))])
def test_shapes_of_the_head(text, title, number, issued):
    test_first_pages(text, title, number, issued)


# The same real heads set as each format sets a first page (tests/extract/first_pages.py).
@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("index", range(len(HEADS)))
def test_first_page_of_every_format(fmt, index):
    head = HEADS[index]
    doc = read_bytes(FORMATS[fmt](head, index), f"page.{fmt}")
    m = extract(doc)
    assert (m.title.value if m.title else None) == head.title
    assert doc.text[m.title.start:m.title.end] == m.title.text
    if head.number:
        assert m.doc_number is not None and m.doc_number.value == head.number


def test_every_format_has_forty_first_pages():
    assert len(HEADS) >= 40 and set(FORMATS) == {"txt", "html", "docx", "pdf", "ofd"}
