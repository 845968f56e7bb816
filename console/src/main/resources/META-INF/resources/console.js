// Wanjia's staff console. Every call goes through the console server (/api/{service}/v1/...), which adds the signed-in
// person's token: this page never sees a token, keeps none, and builds the page from text nodes (never from HTML it got).

const LANG_KEY = 'wanjia.lang';
let lang = localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
// Older pages of Wanjia kept a pasted token here; a token never belongs in storage.
localStorage.removeItem('wanjia.token');

const TEXT = {
  zh: {
    sub: '零就业家庭就业援助', skip: '跳到正文', nav: '主导航', logout: '退出登录', other: 'English', otherLang: 'en',
    'nav.households': '家庭', 'nav.register': '登记家庭', 'nav.inbox': '督办提醒', 'nav.cases': '即将超期', 'nav.reports': '报表', 'nav.dashboard': '统计图表',
    'role.caseworker': '经办人', 'role.placement-officer': '就业服务专员', 'role.supervisor': '督办', 'role.official': '统计',
    'role.publisher': '数据发布', 'role.admin': '管理员',
    loading: '加载中…', none: '没有记录。', error: '出错了', retry: '重试', notAllowed: '您的角色不能使用此页面。',
    notYet: '这一版工作台还没有您角色的页面；请使用 API（/q/swagger-ui）。',
    'households.title': '家庭', 'households.findTitle': '按身份证号查找', 'households.id': '身份证号（完整 18 位）',
    'households.find': '查找', 'households.notFound': '没有找到这个身份证号登记的人（或不在您的辖区）。',
    'households.status': '状态', 'households.any': '全部', 'households.list': '列表',
    'households.name': '成员姓名', 'households.nameHint': '姓名开头，如“王”或“王敏”', 'households.filter': '筛选',
    'col.head': '户主', 'col.community': '社区', 'col.address': '地址', 'col.status': '状态', 'col.since': '零就业起始',
    'col.registered': '登记日', 'col.name': '姓名', 'col.id': '身份证号', 'col.relation': '关系', 'col.age': '年龄',
    'col.employment': '就业状况', 'col.level': '级别', 'col.day': '第几天', 'col.household': '家庭', 'col.fired': '发出时间',
    'col.to': '接收', 'col.ack': '确认', 'col.district': '区县', 'col.daysLeft': '剩余天数', 'col.lastDay': '最后期限',
    'status.ZERO_EMPLOYMENT': '零就业', 'status.NOT_ZERO_EMPLOYMENT': '非零就业', 'status.EXITED': '已退出',
    'register.title': '登记家庭', 'register.household': '家庭信息', 'register.district': '区县代码（6 位）',
    'register.street': '街道', 'register.community': '社区', 'register.address': '住址', 'register.cohort': '人群',
    'register.allowance': '享受城市最低生活保障', 'register.member': '成员 {0}', 'register.addMember': '添加成员',
    'register.removeMember': '删除此成员', 'register.submit': '登记', 'register.saving': '正在登记…', 'register.done': '已登记',
    'member.id': '身份证号', 'member.name': '姓名', 'member.relation': '与户主关系', 'member.education': '文化程度',
    'member.capacity': '劳动能力', 'member.willing': '有就业意愿', 'member.occupation': '职业类别', 'member.status': '就业状况',
    'member.statusSince': '状况起始日（可不填）', 'member.change': '变更', 'member.effectiveOn': '变更日期（不填为今天）', 'member.save': '保存变更',
    'id.format': '应为 17 位数字加 1 位数字或 X', 'id.check': '校验码不对，请核对', 'id.date': '出生日期不存在',
    'id.ok': '出生 {0} · {1}', 'gender.MALE': '男', 'gender.FEMALE': '女',
    'cohort.STANDARD': '一般家庭', 'cohort.SHANTYTOWN_RELOCATION': '棚改回迁居民', 'cohort.GRADUATE_FAMILY': '大中专毕业生家庭',
    'relation.HEAD': '户主', 'relation.SPOUSE': '配偶', 'relation.CHILD': '子女', 'relation.PARENT': '父母', 'relation.SIBLING': '兄弟姐妹',
    'relation.GRANDCHILD': '孙子女', 'relation.OTHER': '其他',
    'education.NONE': '未上学', 'education.PRIMARY': '小学', 'education.JUNIOR_MIDDLE': '初中', 'education.SENIOR_MIDDLE': '高中',
    'education.VOCATIONAL': '中专/技校', 'education.COLLEGE': '大专', 'education.BACHELOR': '本科', 'education.POSTGRADUATE': '研究生',
    'capacity.FULL': '完全', 'capacity.PARTIAL': '部分', 'capacity.NONE': '无',
    'occupation.WORKER': '工人', 'occupation.CADRE': '干部',
    'employment.EMPLOYED_STABLE': '稳定就业', 'employment.EMPLOYED_UNSTABLE': '不稳定就业', 'employment.UNEMPLOYED': '失业',
    'employment.STUDENT': '在校', 'employment.MILITARY': '服兵役', 'employment.RETIRED': '退休',
    'household.title': '{0}家', 'household.members': '成员', 'household.case': '援助案例', 'household.waiting': '认定为零就业家庭后，案例几秒内出现……',
    'household.noCase': '没有援助案例。', 'household.since': '零就业起始 {0}', 'household.registered': '登记于 {0}',
    'case.title': '援助案例', 'case.daysLeft': '剩余 {0} 天', 'case.overdue': '已超期 {0} 天', 'case.day': '第 {0} 天，最后期限 {1}',
    'case.level': '当前督办级别', 'case.timeline': '经过', 'case.open': '查看案例', 'case.status.OPEN': '在办', 'case.status.CLOSED': '已结案',
    'level.COMMUNITY': '社区', 'level.STREET': '街道', 'level.DISTRICT': '区县', 'level.CITY': '市',
    'inbox.title': '督办提醒', 'inbox.level': '级别', 'inbox.showAcknowledged': '显示已确认的', 'inbox.note': '备注',
    'inbox.ack': '确认收到', 'inbox.acked': '已确认', 'inbox.ackedBy': '{0} 于 {1} 确认', 'inbox.done': '已确认收到',
    'inbox.day': '第 {0} 天', 'inbox.theirs': '由接收人确认',
    'cases.title': '即将超期的案例（剩余 5 天以内）',
    'reports.title': '报表', 'reports.month': '月份', 'reports.show': '显示', 'reports.xlsx': '下载月报（Excel）',
    'reports.csv': '下载月报（CSV）', 'reports.asOf': '截至 {0}',
    'fig.zeroEmploymentNow': '当前零就业家庭户数', 'fig.newlyDetected': '新发现', 'fig.newlyIdentified': '新认定', 'fig.eliminated': '消除（实现就业）',
    'fig.shareWithinDeadline': '按期安置率', 'col.area': '地区',
    'nav.posts': '岗位', 'nav.candidates': '候选人', 'nav.offers': '推荐与答复', 'nav.followUps': '回访', 'nav.placements': '安置',
    'placements.title': '安置', 'placements.activeOnly': '只看在岗的', 'placements.start': '上岗日期', 'placements.end': '登记离岗',
    'placements.reason': '离岗原因', 'placements.on': '离岗日期（不填为今天）', 'placements.ended': '已离岗',
    'kind.PUBLIC_WELFARE': '公益性岗位', 'kind.ENTERPRISE': '企业岗位', 'kind.SELF_EMPLOYMENT': '自主创业', 'kind.FLEXIBLE': '灵活就业',
    'budget.EMPLOYMENT_FUND': '就业专项资金', 'budget.UNEMPLOYMENT_INSURANCE_FUND': '失业保险基金', 'budget.LOCAL_BUDGET': '地方财政',
    'budget.LOTTERY_WELFARE_FUND': '彩票公益金', 'budget.OTHER': '其他',
    'posts.title': '岗位', 'posts.new': '发布岗位', 'posts.kind': '类别', 'posts.employer': '用人单位', 'posts.district': '区县代码',
    'posts.postTitle': '岗位名称', 'posts.wage': '月工资（元）', 'posts.openings': '招用人数', 'posts.contract': '合同期限（月）',
    'posts.insurance': '缴纳社会保险', 'posts.hours': '工作时间', 'posts.skills': '技能（逗号分隔）', 'posts.budget': '资金来源',
    'posts.postSubsidy': '岗位补贴（元/月）', 'posts.insuranceSubsidy': '社保补贴（元/月）', 'posts.publish': '发布',
    'posts.close': '关闭岗位', 'posts.closed': '已关闭', 'posts.left': '剩余 {0}/{1}', 'posts.showClosed': '显示已关闭的',
    'col.post': '岗位', 'col.employer': '用人单位', 'col.wage': '月工资', 'col.openings': '名额', 'col.kind': '类别',
    'col.member': '成员', 'col.caseDay': '案例天数', 'col.skills': '技能', 'col.education': '文化程度', 'col.offer': '推荐',
    'col.madeOn': '推荐日期', 'col.answer': '答复', 'col.dueOn': '应回访日', 'col.months': '上岗后', 'col.result': '回访结果',
    'candidates.title': '候选人（零就业家庭成员）', 'candidates.suggest': '推荐岗位',
    'suggest.title': '推荐岗位', 'suggest.none': '暂无合适岗位。', 'suggest.offer': '推荐此岗位', 'suggest.offered': '已推荐',
    'suggest.score': '匹配分 {0}', 'suggest.wait': '家庭的就业信息同步后显示推荐岗位……',
    'offers.title': '推荐与答复', 'offers.status': '状态', 'offer.MADE': '待答复', 'offer.ACCEPTED': '已接受', 'offer.DECLINED': '已拒绝',
    'offers.accept': '接受', 'offers.startDate': '上岗日期（不填为今天）', 'offers.decline': '拒绝', 'offers.reason': '拒绝原因',
    'offers.reasonable': '理由正当', 'offers.household': '家庭的推荐',
    'followUps.title': '到期回访', 'followUps.result': '结果', 'followUps.note': '情况', 'followUps.save': '记录回访', 'followUps.months': '{0} 个月',
    'result.STILL_EMPLOYED': '仍在岗', 'result.LEFT': '已离岗', 'result.CHANGED_JOB': '已换工作',
    'ev.OPENED': '立案', 'ev.CLOSED': '结案', 'ev.ESCALATED': '督办升级', 'ev.DEADLINE_BREACHED': '超期', 'ev.CLOCK_STARTED': '开始计时',
    'ev.IDENTIFICATION_OPENED': '认定开始', 'ev.IDENTIFICATION_STEP_COMPLETED': '认定环节完成', 'ev.IDENTIFICATION_CONFIRMED': '认定通过',
    'ev.IDENTIFICATION_REJECTED': '认定未通过', 'ev.VERIFIED': '核实属实', 'ev.VERIFICATION_FAILED': '核实不属实', 'ev.REVIEW_APPROVED': '审核通过',
    'ev.REVIEW_REFUSED': '审核未通过', 'ev.OBJECTION_RAISED': '提出异议', 'ev.OBJECTION_DISMISSED': '异议不成立',
    'ev.OBJECTION_UPHELD_SENT_BACK': '异议成立，退回审核', 'ev.OBJECTION_UPHELD_REJECTED': '异议成立，不予认定', 'ev.POSTING_COMPLETED': '公示期满',
    'ev.CONFIRMED': '认定', 'ev.CONFIRMATION_REFUSED': '不予认定', 'ev.OVERTAKEN': '情况已变', 'ev.DECLARED': '申报',
    'ident.title': '认定', 'ident.none': '没有进行中的认定。', 'ident.declare': '登记申报', 'ident.declareNote': '申报说明',
    'ident.stage': '当前环节', 'stage.VERIFY': '社区核实', 'stage.REVIEW': '街道审核', 'stage.POSTING': '公示',
    'stage.CONFIRM': '区县认定', 'stage.CONFIRMED': '已认定', 'stage.REJECTED': '未认定', 'stage.ENDED': '已结束',
    'ident.confirmed': '情况属实', 'ident.method': '核实方式', 'method.VISIT': '入户走访', 'method.PHONE': '电话核实',
    'ident.on': '日期（不填为今天）', 'ident.findings': '核实情况', 'ident.verify': '提交核实结果',
    'ident.approved': '审核通过', 'ident.note': '意见', 'ident.postingStarts': '公示开始', 'ident.postingEnds': '公示结束',
    'ident.review': '提交审核', 'ident.completePosting': '公示期满，无异议', 'ident.raisedBy': '异议人', 'ident.what': '异议内容',
    'ident.object': '登记异议', 'ident.confirm': '提交认定', 'ident.yes': '认定为零就业家庭', 'ident.waiting': '等待{0}完成。',
    'ident.saved': '已保存', 'ident.objections': '异议',
    'contact.title': '联系记录', 'contact.on': '日期（不填为今天）', 'contact.channel': '方式', 'channel.PHONE': '电话',
    'channel.VISIT': '走访', 'channel.OTHER': '其他', 'contact.reached': '已联系上', 'contact.member': '联系人',
    'contact.anyone': '家中任何人', 'contact.note': '情况', 'contact.save': '记录联系', 'contact.unreachable': '连续 {0} 次未联系上（自 {1}）',
    'col.channel': '方式', 'col.reached': '联系上', 'col.note': '情况', 'col.actor': '经办', 'col.date': '日期', 'yes': '是', 'no': '否',
  },
  en: {
    sub: 'Employment help for zero-employment households', skip: 'Skip to content', nav: 'Main', logout: 'Sign out', other: '中文', otherLang: 'zh',
    'nav.households': 'Households', 'nav.register': 'Register', 'nav.inbox': 'Escalations', 'nav.cases': 'About to breach', 'nav.reports': 'Reports', 'nav.dashboard': 'Dashboard',
    'role.caseworker': 'Case worker', 'role.placement-officer': 'Placement officer', 'role.supervisor': 'Supervisor', 'role.official': 'Official',
    'role.publisher': 'Publisher', 'role.admin': 'Administrator',
    loading: 'Loading…', none: 'Nothing here.', error: 'Something went wrong', retry: 'Retry', notAllowed: 'Your role cannot use this page.',
    notYet: 'This version of the console has no pages for your role yet; use the API (/q/swagger-ui).',
    'households.title': 'Households', 'households.findTitle': 'Find by national ID', 'households.id': 'National ID (all 18 characters)',
    'households.find': 'Find', 'households.notFound': 'Nobody with this national ID is registered (in your area).',
    'households.status': 'Status', 'households.any': 'Any', 'households.list': 'List',
    'households.name': 'Member’s name', 'households.nameHint': 'The start of a name', 'households.filter': 'Filter',
    'col.head': 'Head of household', 'col.community': 'Community', 'col.address': 'Address', 'col.status': 'Status', 'col.since': 'Zero-employment since',
    'col.registered': 'Registered', 'col.name': 'Name', 'col.id': 'National ID', 'col.relation': 'Relation', 'col.age': 'Age',
    'col.employment': 'Employment', 'col.level': 'Level', 'col.day': 'Day', 'col.household': 'Household', 'col.fired': 'Fired',
    'col.to': 'To', 'col.ack': 'Acknowledge', 'col.district': 'District', 'col.daysLeft': 'Days left', 'col.lastDay': 'Last day',
    'status.ZERO_EMPLOYMENT': 'Zero-employment', 'status.NOT_ZERO_EMPLOYMENT': 'Not zero-employment', 'status.EXITED': 'Exited',
    'register.title': 'Register a household', 'register.household': 'Household', 'register.district': 'District code (6 digits)',
    'register.street': 'Street', 'register.community': 'Community', 'register.address': 'Address', 'register.cohort': 'Cohort',
    'register.allowance': 'Receives the minimum living allowance', 'register.member': 'Member {0}', 'register.addMember': 'Add a member',
    'register.removeMember': 'Remove this member', 'register.submit': 'Register', 'register.saving': 'Registering…', 'register.done': 'Registered',
    'member.id': 'National ID', 'member.name': 'Name', 'member.relation': 'Relation to the head', 'member.education': 'Education',
    'member.capacity': 'Labour capacity', 'member.willing': 'Wants to work', 'member.occupation': 'Occupation category', 'member.status': 'Employment',
    'member.statusSince': 'Since (optional)', 'member.change': 'Change', 'member.effectiveOn': 'Effective on (empty: today)', 'member.save': 'Save the change',
    'id.format': '17 digits and a digit or X', 'id.check': 'The check character does not match; check the number', 'id.date': 'No such birth date',
    'id.ok': 'Born {0} · {1}', 'gender.MALE': 'male', 'gender.FEMALE': 'female',
    'cohort.STANDARD': 'Standard', 'cohort.SHANTYTOWN_RELOCATION': 'Relocated shantytown residents', 'cohort.GRADUATE_FAMILY': 'Graduate’s family',
    'relation.HEAD': 'Head', 'relation.SPOUSE': 'Spouse', 'relation.CHILD': 'Child', 'relation.PARENT': 'Parent', 'relation.SIBLING': 'Sibling',
    'relation.GRANDCHILD': 'Grandchild', 'relation.OTHER': 'Other',
    'education.NONE': 'None', 'education.PRIMARY': 'Primary', 'education.JUNIOR_MIDDLE': 'Junior middle', 'education.SENIOR_MIDDLE': 'Senior middle',
    'education.VOCATIONAL': 'Vocational', 'education.COLLEGE': 'College', 'education.BACHELOR': 'Bachelor', 'education.POSTGRADUATE': 'Postgraduate',
    'capacity.FULL': 'Full', 'capacity.PARTIAL': 'Partial', 'capacity.NONE': 'None',
    'occupation.WORKER': 'Worker', 'occupation.CADRE': 'Cadre',
    'employment.EMPLOYED_STABLE': 'Stable work', 'employment.EMPLOYED_UNSTABLE': 'Unstable work', 'employment.UNEMPLOYED': 'Unemployed',
    'employment.STUDENT': 'Student', 'employment.MILITARY': 'Military service', 'employment.RETIRED': 'Retired',
    'household.title': 'Household of {0}', 'household.members': 'Members', 'household.case': 'Case', 'household.waiting': 'Once found zero-employment, its case appears within seconds…',
    'household.noCase': 'No case.', 'household.since': 'Zero-employment since {0}', 'household.registered': 'Registered on {0}',
    'case.title': 'Case', 'case.daysLeft': '{0} days left', 'case.overdue': '{0} days overdue', 'case.day': 'Day {0}, last day {1}',
    'case.level': 'Escalated to', 'case.timeline': 'Timeline', 'case.open': 'Open the case', 'case.status.OPEN': 'Open', 'case.status.CLOSED': 'Closed',
    'level.COMMUNITY': 'Community', 'level.STREET': 'Street', 'level.DISTRICT': 'District', 'level.CITY': 'City',
    'inbox.title': 'Escalations', 'inbox.level': 'Level', 'inbox.showAcknowledged': 'Show acknowledged', 'inbox.note': 'Note',
    'inbox.ack': 'Acknowledge', 'inbox.acked': 'Acknowledged', 'inbox.ackedBy': 'by {0} at {1}', 'inbox.done': 'Acknowledged',
    'inbox.day': 'day {0}', 'inbox.theirs': 'for its addressee to acknowledge',
    'cases.title': 'Cases about to breach (5 days or fewer left)',
    'reports.title': 'Reports', 'reports.month': 'Month', 'reports.show': 'Show', 'reports.xlsx': 'Download the monthly table (Excel)',
    'reports.csv': 'Download the monthly table (CSV)', 'reports.asOf': 'As of {0}',
    'fig.zeroEmploymentNow': 'Zero-employment now', 'fig.newlyDetected': 'Newly found', 'fig.newlyIdentified': 'Newly identified', 'fig.eliminated': 'Into work',
    'fig.shareWithinDeadline': 'Placed within deadline', 'col.area': 'Area',
    'nav.posts': 'Job posts', 'nav.candidates': 'Candidates', 'nav.offers': 'Offers', 'nav.followUps': 'Follow-ups', 'nav.placements': 'Placements',
    'placements.title': 'Placements', 'placements.activeOnly': 'In work only', 'placements.start': 'Started', 'placements.end': 'Record the end',
    'placements.reason': 'Why it ended', 'placements.on': 'Ended on (empty: today)', 'placements.ended': 'Ended',
    'kind.PUBLIC_WELFARE': 'Public-welfare post', 'kind.ENTERPRISE': 'Enterprise', 'kind.SELF_EMPLOYMENT': 'Self-employment', 'kind.FLEXIBLE': 'Flexible work',
    'budget.EMPLOYMENT_FUND': 'Employment fund', 'budget.UNEMPLOYMENT_INSURANCE_FUND': 'Unemployment insurance fund', 'budget.LOCAL_BUDGET': 'Local budget',
    'budget.LOTTERY_WELFARE_FUND': 'Lottery welfare fund', 'budget.OTHER': 'Other',
    'posts.title': 'Job posts', 'posts.new': 'Publish a post', 'posts.kind': 'Kind', 'posts.employer': 'Employer', 'posts.district': 'District code',
    'posts.postTitle': 'Title', 'posts.wage': 'Monthly wage (yuan)', 'posts.openings': 'Openings', 'posts.contract': 'Contract (months)',
    'posts.insurance': 'Social insurance paid', 'posts.hours': 'Working hours', 'posts.skills': 'Skills (comma-separated)', 'posts.budget': 'Funded by',
    'posts.postSubsidy': 'Post subsidy (yuan/month)', 'posts.insuranceSubsidy': 'Insurance subsidy (yuan/month)', 'posts.publish': 'Publish',
    'posts.close': 'Close', 'posts.closed': 'Closed', 'posts.left': '{0} of {1} left', 'posts.showClosed': 'Show closed',
    'col.post': 'Post', 'col.employer': 'Employer', 'col.wage': 'Monthly wage', 'col.openings': 'Openings', 'col.kind': 'Kind',
    'col.member': 'Member', 'col.caseDay': 'Case day', 'col.skills': 'Skills', 'col.education': 'Education', 'col.offer': 'Offer',
    'col.madeOn': 'Made on', 'col.answer': 'Answer', 'col.dueOn': 'Due on', 'col.months': 'After', 'col.result': 'Result',
    'candidates.title': 'Candidates (members of zero-employment households)', 'candidates.suggest': 'Suggested posts',
    'suggest.title': 'Suggested posts', 'suggest.none': 'No fitting post yet.', 'suggest.offer': 'Offer this post', 'suggest.offered': 'Offered',
    'suggest.score': 'score {0}', 'suggest.wait': 'Suggestions appear once the household has reached placement…',
    'offers.title': 'Offers and answers', 'offers.status': 'Status', 'offer.MADE': 'Waiting', 'offer.ACCEPTED': 'Accepted', 'offer.DECLINED': 'Declined',
    'offers.accept': 'Accept', 'offers.startDate': 'Start date (empty: today)', 'offers.decline': 'Decline', 'offers.reason': 'Reason',
    'offers.reasonable': 'A reasonable reason', 'offers.household': 'Offers to this household',
    'followUps.title': 'Follow-ups due', 'followUps.result': 'Result', 'followUps.note': 'Note', 'followUps.save': 'Record the follow-up', 'followUps.months': '{0} months',
    'result.STILL_EMPLOYED': 'Still employed', 'result.LEFT': 'Left', 'result.CHANGED_JOB': 'Changed job',
    'ev.OPENED': 'Opened', 'ev.CLOSED': 'Closed', 'ev.ESCALATED': 'Escalated', 'ev.DEADLINE_BREACHED': 'Deadline passed', 'ev.CLOCK_STARTED': 'Clock started',
    'ev.IDENTIFICATION_OPENED': 'Identification opened', 'ev.IDENTIFICATION_STEP_COMPLETED': 'Identification step done', 'ev.IDENTIFICATION_CONFIRMED': 'Identified',
    'ev.IDENTIFICATION_REJECTED': 'Not identified', 'ev.VERIFIED': 'Verified', 'ev.VERIFICATION_FAILED': 'Not as declared', 'ev.REVIEW_APPROVED': 'Review approved',
    'ev.REVIEW_REFUSED': 'Review refused', 'ev.OBJECTION_RAISED': 'Objection raised', 'ev.OBJECTION_DISMISSED': 'Objection dismissed',
    'ev.OBJECTION_UPHELD_SENT_BACK': 'Objection upheld, back to review', 'ev.OBJECTION_UPHELD_REJECTED': 'Objection upheld, rejected', 'ev.POSTING_COMPLETED': 'Posting over',
    'ev.CONFIRMED': 'Confirmed', 'ev.CONFIRMATION_REFUSED': 'Confirmation refused', 'ev.OVERTAKEN': 'Overtaken', 'ev.DECLARED': 'Declared',
    'ident.title': 'Identification (认定)', 'ident.none': 'No identification under way.', 'ident.declare': 'Record a declaration', 'ident.declareNote': 'What the household declared',
    'ident.stage': 'Stage', 'stage.VERIFY': 'Community verification', 'stage.REVIEW': 'Street review', 'stage.POSTING': 'Public posting',
    'stage.CONFIRM': 'District decision', 'stage.CONFIRMED': 'Confirmed', 'stage.REJECTED': 'Rejected', 'stage.ENDED': 'Ended',
    'ident.confirmed': 'The situation is as declared', 'ident.method': 'How', 'method.VISIT': 'Home visit', 'method.PHONE': 'Phone',
    'ident.on': 'Date (empty: today)', 'ident.findings': 'Findings', 'ident.verify': 'Record the verification',
    'ident.approved': 'Approved', 'ident.note': 'Note', 'ident.postingStarts': 'Posting starts', 'ident.postingEnds': 'Posting ends',
    'ident.review': 'Record the review', 'ident.completePosting': 'Posting over, no objection', 'ident.raisedBy': 'Raised by', 'ident.what': 'Objection',
    'ident.object': 'Record an objection', 'ident.confirm': 'Record the decision', 'ident.yes': 'Identified as zero-employment', 'ident.waiting': 'Waiting for the {0}.',
    'ident.saved': 'Saved', 'ident.objections': 'Objections',
    'contact.title': 'Contacts', 'contact.on': 'Date (empty: today)', 'contact.channel': 'Channel', 'channel.PHONE': 'Phone',
    'channel.VISIT': 'Visit', 'channel.OTHER': 'Other', 'contact.reached': 'Reached', 'contact.member': 'Whom',
    'contact.anyone': 'Whoever answered', 'contact.note': 'Note', 'contact.save': 'Record the contact', 'contact.unreachable': '{0} failed attempts in a row (since {1})',
    'col.channel': 'Channel', 'col.reached': 'Reached', 'col.note': 'Note', 'col.actor': 'By', 'col.date': 'Date', 'yes': 'yes', 'no': 'no',
  },
};

function t(key, ...args) {
  let text = TEXT[lang][key] ?? TEXT.zh[key] ?? key;
  args.forEach((arg, i) => { text = text.replace(`{${i}}`, arg); });
  return text;
}

// ------------------------------------------------------------------------------------------------- the page's parts

/** An element: h('td', { class: 'x', dataset: { label: 'y' } }, 'text', child). Strings become text nodes, never HTML. */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name in element && typeof value !== 'string') element[name] = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.flat().filter(c => c !== undefined && c !== null && c !== false));
  return element;
}

let fieldIds = 0;
/** A labelled input with a hint line and an error line that problem details fill (data-field names the API field). */
function field(label, control, { field: apiField, hint } = {}) {
  const id = control.id || `f${++fieldIds}`;
  control.id = id;
  const hintLine = h('span', { class: 'hint', id: `${id}-hint` }, hint || '');
  const errorLine = h('span', { class: 'error', id: `${id}-error` });
  control.setAttribute('aria-describedby', `${id}-hint ${id}-error`);
  if (apiField) control.dataset.field = apiField;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hintLine, errorLine);
}

function select(values, labelPrefix, selected) {
  return h('select', {}, values.map(v => h('option', { value: v, selected: v === selected }, labelPrefix ? t(labelPrefix + v) : v)));
}

function table(columns, rows, { wide = true } = {}) {
  if (rows.length === 0) return h('p', { class: 'muted' }, t('none'));
  return h('table', { class: wide ? 'wide' : '' },
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col' }, c.label)))),
    h('tbody', {}, rows.map(row => h('tr', { class: row.rowClass || '' },
      columns.map(c => h('td', { dataset: { label: c.label } }, c.cell(row)))))));
}

function toast(text) {
  const box = document.getElementById('toast');
  box.textContent = text;
  setTimeout(() => { if (box.textContent === text) box.textContent = ''; }, 4000);
}

const day = value => value ?? '—';
/** What happened, in words: a timeline's event type or action, or its code where the console has no words for it yet. */
const happened = code => TEXT[lang]['ev.' + code] ? t('ev.' + code) : code;
// The services record who did a thing by the token's subject (for Keycloak users, an opaque id): the signed-in person
// reads as themselves; others by a short reference until the console can name them (Keycloak's users are not ours to list).
const actor = subject => !subject ? '' : subject === session.subject ? `${session.name}` : /^[0-9a-f-]{36}$/.test(subject) ? subject.slice(0, 8) : subject;
const time = value => value ? new Date(value).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';

// --------------------------------------------------------------------------------------------------------- talking

class ProblemError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || String(problem.status));
    this.problem = problem;
  }
}

/** A call through the console to a service's /api/v1; a problem answer throws ProblemError. */
async function api(service, path, { method = 'GET', body, raw = false } = {}) {
  const headers = { 'X-Requested-With': 'JavaScript', 'Accept-Language': lang === 'en' ? 'en' : 'zh-CN' };
  if (!raw) headers.Accept = 'application/json';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/api/${service}/v1${path}`, { method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body) });
  return answer(response, raw);
}

async function answer(response, raw) {
  // The session ended (the console answers 499 to its pages' calls instead of redirecting them): a reload goes through login.
  if (response.status === 499) { location.reload(); throw new ProblemError({ title: t('loading') }); }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({ title: response.statusText, status: response.status }));
    throw new ProblemError(problem);
  }
  if (raw) return response;
  return response.status === 204 ? null : response.json();
}

/** A problem shown next to the fields it names (field and rule), and in a box above the form for the rest. */
function showProblem(container, error, form) {
  container.replaceChildren();
  form?.querySelectorAll('[aria-invalid]').forEach(c => { c.removeAttribute('aria-invalid'); document.getElementById(`${c.id}-error`).textContent = ''; });
  const problem = error.problem || { title: t('error'), detail: String(error.message || error) };
  const faults = problem.errors?.length ? problem.errors : (problem.field ? [{ field: problem.field, rule: problem.rule }] : []);
  let placed = 0;
  for (const fault of faults) {
    const control = form && [...form.querySelectorAll('[data-field]')].find(c => fault.field === c.dataset.field || fault.field.endsWith('.' + c.dataset.field));
    if (!control) continue;
    control.setAttribute('aria-invalid', 'true');
    document.getElementById(`${control.id}-error`).textContent = fault.rule || problem.detail || problem.title;
    placed++;
  }
  container.append(h('div', { class: 'problem', role: 'alert' }, h('strong', {}, problem.title || t('error')),
    problem.detail ? h('div', {}, problem.detail) : null));
  if (placed) form.querySelector('[aria-invalid="true"]').focus();
}

// ---------------------------------------------------------------------------------------------- national IDs (GB 11643)

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** What a typed national ID says, checked as it is typed: its format, check character and birth date. */
function readNationalId(id) {
  if (!/^\d{17}[\dX]$/.test(id)) return { error: 'id.format' };
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(id[i]), 0);
  if ('10X98765432'[sum % 11] !== id[17]) return { error: 'id.check' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const parsed = new Date(birthDate + 'T00:00:00Z');
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== birthDate) return { error: 'id.date' };
  return { birthDate, gender: Number(id[16]) % 2 === 1 ? 'MALE' : 'FEMALE' };
}

/** An input for a full national ID that says, as it is typed, whether the number can be right. */
function nationalIdInput(onRead) {
  const input = h('input', { inputmode: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: '18', required: true });
  input.addEventListener('input', () => {
    input.value = input.value.toUpperCase().replace(/\s/g, '');
    const hint = document.getElementById(`${input.id}-hint`);
    const read = input.value.length ? readNationalId(input.value) : {};
    if (read.error && input.value.length === 18) { input.setAttribute('aria-invalid', 'true'); hint.textContent = t(read.error); }
    else if (read.error) { input.removeAttribute('aria-invalid'); hint.textContent = t(read.error); }
    else { input.removeAttribute('aria-invalid'); hint.textContent = read.birthDate ? t('id.ok', read.birthDate, t('gender.' + read.gender)) : ''; }
    onRead?.(read);
  });
  return input;
}

// ------------------------------------------------------------------------------------------------------ households

/** How people know a household: its head's name (else its first member's), community and address. */
function householdName(household) {
  const head = household.members?.find(m => m.relation === 'HEAD') || household.members?.[0];
  return head ? head.name : household.community;
}

async function householdsPage(main) {
  const result = h('div');
  const idInput = nationalIdInput();
  const find = h('form', { class: 'row', onsubmit: async event => {
    event.preventDefault();
    try {
      const match = await api('household', '/households/lookup', { method: 'POST', body: { nationalId: idInput.value } });
      location.hash = `#/households/${match.householdId}`;
    } catch (error) {
      if (error.problem?.status === 404) result.replaceChildren(h('p', { role: 'alert' }, t('households.notFound')));
      else showProblem(result, error, find);
    }
  } }, field(t('households.id'), idInput, { field: 'nationalId' }), h('button', { class: 'primary', type: 'submit' }, t('households.find')));

  const status = select(['', 'ZERO_EMPLOYMENT', 'NOT_ZERO_EMPLOYMENT', 'EXITED'], null, 'ZERO_EMPLOYMENT');
  [...status.options].forEach(o => { o.textContent = o.value ? t('status.' + o.value) : t('households.any'); });
  const name = h('input', { type: 'search', maxlength: '50', autocomplete: 'off' });
  const list = h('div');
  async function load() {
    list.replaceChildren(h('p', { class: 'muted' }, t('loading')));
    try {
      const query = new URLSearchParams({ size: '100' });
      if (status.value) query.set('status', status.value);
      if (name.value.trim()) query.set('name', name.value.trim());
      const page = await api('household', `/households?${query}`);
      list.replaceChildren(table([
        { label: t('col.head'), cell: r => h('a', { href: `#/households/${r.id}` }, householdName(r)) },
        { label: t('col.community'), cell: r => `${r.districtName || r.districtCode} ${r.street} ${r.community}` },
        { label: t('col.address'), cell: r => r.address },
        { label: t('col.status'), cell: r => t('status.' + r.status) },
        { label: t('col.since'), cell: r => day(r.zeroEmploymentSince) },
        { label: t('col.registered'), cell: r => day(r.registeredOn) },
      ], page.items));
    } catch (error) { showProblem(list, error); }
  }
  status.addEventListener('change', load);
  const filter = h('form', { class: 'row', role: 'search', onsubmit: event => { event.preventDefault(); load(); } },
    field(t('households.name'), name, { field: 'name', hint: t('households.nameHint') }), field(t('households.status'), status),
    h('button', { class: 'secondary', type: 'submit' }, t('households.filter')));
  main.append(h('h1', {}, t('households.title')), h('h2', {}, t('households.findTitle')), find, result,
    h('h2', {}, t('households.list')), filter, list);
  await load();
}

function memberFieldset(index, form) {
  const prefix = `members[${index}].`;
  const read = { current: {} };
  const id = nationalIdInput(r => { read.current = r; });
  const controls = {
    nationalId: id,
    name: h('input', { required: true, maxlength: '50', autocomplete: 'off' }),
    relation: select(['HEAD', 'SPOUSE', 'CHILD', 'PARENT', 'SIBLING', 'GRANDCHILD', 'OTHER'], 'relation.', index === 0 ? 'HEAD' : 'SPOUSE'),
    education: select(['NONE', 'PRIMARY', 'JUNIOR_MIDDLE', 'SENIOR_MIDDLE', 'VOCATIONAL', 'COLLEGE', 'BACHELOR', 'POSTGRADUATE'], 'education.', 'SENIOR_MIDDLE'),
    labourCapacity: select(['FULL', 'PARTIAL', 'NONE'], 'capacity.', 'FULL'),
    occupationCategory: select(['WORKER', 'CADRE'], 'occupation.', 'WORKER'),
    status: select(['UNEMPLOYED', 'EMPLOYED_STABLE', 'EMPLOYED_UNSTABLE', 'STUDENT', 'MILITARY', 'RETIRED'], 'employment.', 'UNEMPLOYED'),
    statusSince: h('input', { type: 'date' }),
    willingToWork: h('input', { type: 'checkbox', checked: true }),
  };
  const fieldset = h('fieldset', { class: 'member' },
    h('legend', {}, t('register.member', index + 1)),
    h('div', { class: 'fields' },
      field(t('member.id'), controls.nationalId, { field: prefix + 'nationalId' }),
      field(t('member.name'), controls.name, { field: prefix + 'name' }),
      field(t('member.relation'), controls.relation, { field: prefix + 'relation' }),
      field(t('member.education'), controls.education, { field: prefix + 'education' }),
      field(t('member.capacity'), controls.labourCapacity, { field: prefix + 'labourCapacity' }),
      field(t('member.occupation'), controls.occupationCategory, { field: prefix + 'occupationCategory' }),
      field(t('member.status'), controls.status, { field: prefix + 'status' }),
      field(t('member.statusSince'), controls.statusSince, { field: prefix + 'statusSince' }),
      h('div', { class: 'field' }, h('label', {}, controls.willingToWork, ' ', t('member.willing')))),
    index > 0 ? h('button', { type: 'button', class: 'secondary', onclick: () => fieldset.remove() }, t('register.removeMember')) : null);
  fieldset.member = () => ({
    nationalId: controls.nationalId.value,
    name: controls.name.value.trim(),
    relation: controls.relation.value,
    // The ID fixes birth date and gender (the register checks they agree): the page reads them from it.
    birthDate: read.current.birthDate || null,
    gender: read.current.gender || null,
    education: controls.education.value,
    skills: [],
    labourCapacity: controls.labourCapacity.value,
    willingToWork: controls.willingToWork.checked,
    occupationCategory: controls.occupationCategory.value,
    status: controls.status.value,
    statusSince: controls.statusSince.value || null,
  });
  return fieldset;
}

async function registerPage(main, session) {
  const problems = h('div');
  const controls = {
    districtCode: h('input', { required: true, inputmode: 'numeric', pattern: '\\d{6}', maxlength: '6', value: session.area?.length === 6 ? session.area : '' }),
    street: h('input', { required: true, maxlength: '100' }),
    community: h('input', { required: true, maxlength: '100' }),
    address: h('input', { required: true, maxlength: '300', autocomplete: 'off' }),
    cohort: select(['STANDARD', 'SHANTYTOWN_RELOCATION', 'GRADUATE_FAMILY'], 'cohort.', 'STANDARD'),
    allowance: h('input', { type: 'checkbox' }),
  };
  const members = h('div');
  let count = 0;
  const addMember = () => members.append(memberFieldset(count++));
  addMember();
  const submit = h('button', { class: 'primary', type: 'submit' }, t('register.submit'));
  const form = h('form', { novalidate: true, onsubmit: async event => {
    event.preventDefault();
    submit.disabled = true;
    submit.textContent = t('register.saving');
    try {
      const household = await api('household', '/households', { method: 'POST', body: {
        districtCode: controls.districtCode.value.trim(), street: controls.street.value, community: controls.community.value,
        address: controls.address.value, cohort: controls.cohort.value, minimumLivingAllowance: controls.allowance.checked,
        members: [...members.children].map(f => f.member()) } });
      toast(t('register.done'));
      location.hash = `#/households/${household.id}`;
    } catch (error) {
      showProblem(problems, error, form);
    } finally {
      submit.disabled = false;
      submit.textContent = t('register.submit');
    }
  } },
    h('fieldset', {}, h('legend', {}, t('register.household')), h('div', { class: 'fields' },
      field(t('register.district'), controls.districtCode, { field: 'districtCode' }),
      field(t('register.street'), controls.street, { field: 'street' }),
      field(t('register.community'), controls.community, { field: 'community' }),
      field(t('register.address'), controls.address, { field: 'address' }),
      field(t('register.cohort'), controls.cohort, { field: 'cohort' }),
      h('div', { class: 'field' }, h('label', {}, controls.allowance, ' ', t('register.allowance'))))),
    members,
    h('div', { class: 'row' }, h('button', { type: 'button', class: 'secondary', onclick: addMember }, t('register.addMember')), submit));
  main.append(h('h1', {}, t('register.title')), problems, form);
}

/** The open case of a household (its own promise first), or null. */
async function caseOf(householdId) {
  const page = await api('deadline', `/cases?householdId=${householdId}&size=20`);
  const cases = page.items;
  return cases.find(c => c.status === 'OPEN' && c.target === 'HOUSEHOLD') || cases.find(c => c.status === 'OPEN') || cases[0] || null;
}

function daysLeftLine(c) {
  if (c.daysLeft === null || c.daysLeft === undefined) return h('span', {}, t('case.status.' + c.status));
  const cls = c.daysLeft < 0 ? 'late' : c.daysLeft <= 5 ? 'soon' : 'fine';
  return h('span', { class: `days-left ${cls}`, dataset: { daysLeft: c.daysLeft } },
    c.daysLeft < 0 ? t('case.overdue', -c.daysLeft) : t('case.daysLeft', c.daysLeft));
}

function caseCard(c, linked = true) {
  return h('div', { class: 'card', id: 'case' },
    daysLeftLine(c),
    h('div', {}, t('case.day', day(c.day), day(c.lastDay))),
    h('div', {}, t('case.level'), ': ', c.currentLevel ? t('level.' + c.currentLevel) : '—', ' · ', h('span', { class: 'badge' }, t('case.status.' + c.status))),
    linked ? h('div', {}, h('a', { href: `#/cases/${c.id}` }, t('case.open'))) : '');
}

async function householdPage(main, session, id) {
  const household = await api('household', `/households/${id}`);
  const casePanel = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('loading')));
  main.append(
    h('h1', {}, t('household.title', householdName(household)), ' ', h('span', { class: 'badge', id: 'household-status' }, t('status.' + household.status))),
    h('p', {}, `${household.districtName || household.districtCode} ${household.street} ${household.community} · ${household.address}`),
    h('p', { class: 'muted' }, household.zeroEmploymentSince ? t('household.since', household.zeroEmploymentSince) + ' · ' : '',
      t('household.registered', household.registeredOn)),
    h('h2', {}, t('household.case')), casePanel,
    h('section', {}, h('h2', {}, t('ident.title')), identificationPanel(household, session)),
    session.roles.includes('caseworker') ? h('section', {}, h('h2', {}, t('suggest.title')), suggestionPanel(household)) : '',
    session.roles.includes('caseworker') ? h('section', {}, h('h2', {}, t('contact.title')), contactPanel(household)) : '',
    h('h2', {}, t('household.members')),
    table([
      { label: t('col.name'), cell: m => m.name },
      { label: t('col.id'), cell: m => m.nationalId },
      { label: t('col.relation'), cell: m => t('relation.' + m.relation) },
      { label: t('col.age'), cell: m => String(m.age) },
      { label: t('col.employment'), cell: m => [t('employment.' + m.status), m.statusSince ? h('span', { class: 'muted' }, ` ${m.statusSince}`) : ''] },
      ...(session.roles.includes('caseworker') ? [{ label: t('member.change'), cell: m => memberChange(household, m) }] : []),
    ], household.members));
  // The case opens from the household's events a moment after the register decides: look again until it shows.
  const until = Date.now() + 60_000;
  const route = location.hash;
  async function look() {
    if (location.hash !== route) return;
    try {
      const found = await caseOf(id);
      if (found) { casePanel.replaceChildren(caseCard(found)); return; }
      casePanel.replaceChildren(h('p', { class: 'muted' }, household.status === 'ZERO_EMPLOYMENT' ? t('household.waiting') : t('household.noCase')));
      if (household.status === 'ZERO_EMPLOYMENT' && Date.now() < until) setTimeout(look, 2000);
    } catch (error) { showProblem(casePanel, error); }
  }
  await look();
}

// ------------------------------------------------------------------------------------------- identification (认定)

/** Whose step each stage waits for: the case worker's (community) or the supervisor's (street, district). */
const STEP_OF = { VERIFY: 'caseworker', POSTING: 'caseworker', REVIEW: 'supervisor', CONFIRM: 'supervisor' };

/** What a control holds, as the API takes it: a checkbox a boolean, a number a number, an empty field null. */
function valueOf(control) {
  if (control.type === 'checkbox') return control.checked;
  const value = control.value.trim();
  if (!value) return null;
  return control.type === 'number' ? Number(value) : value;
}

/** A small form: its fields, a submit button, problems shown next to the fields; {@code send} gets the fields' values. */
function stepForm(fields, submitLabel, send, after) {
  const problems = h('div');
  const form = h('form', { class: 'step', novalidate: true, onsubmit: async event => {
    event.preventDefault();
    const values = Object.fromEntries(fields.map(f => [f.name, valueOf(f.control)]));
    try { await send(values); toast(t('ident.saved')); await after(); } catch (error) { showProblem(problems, error, form); }
  } }, problems, h('div', { class: 'fields' }, fields.map(f => f.control.type === 'checkbox'
      ? h('div', { class: 'field' }, h('label', {}, f.control, ' ', f.label))
      : field(f.label, f.control, { field: f.name }))), h('button', { class: 'primary', type: 'submit' }, submitLabel));
  return form;
}

/** An element with data-* marks (which offer, which post) that scripts and tests can find it by. */
const marked = (element, marks) => { Object.assign(element.dataset, marks); return element; };
const input = (attributes = {}) => h('input', { autocomplete: 'off', ...attributes });
const checkbox = checked => h('input', { type: 'checkbox', checked });
const textarea = () => h('textarea', { rows: '2', maxlength: '2000' });

function identificationPanel(household, session) {
  const panel = h('div', { id: 'identification' });
  const base = `/identifications`;
  async function load() {
    panel.replaceChildren(h('p', { class: 'muted' }, t('loading')));
    try {
      const all = await api('household', `/households/${household.id}/identifications`);
      const open = all.find(i => ['VERIFY', 'REVIEW', 'POSTING', 'CONFIRM'].includes(i.stage));
      const shown = open || all[all.length - 1];
      const parts = [];
      if (shown) {
        parts.push(h('p', {}, t('ident.stage'), ': ', h('strong', { dataset: { stage: shown.stage } }, t('stage.' + shown.stage)),
          shown.postingStartsOn ? ` · ${t('stage.POSTING')} ${shown.postingStartsOn} – ${shown.postingEndsOn}` : ''));
        parts.push(h('ol', { class: 'timeline' }, shown.timeline.map(e => h('li', {}, `${e.on} · ${happened(e.action)}${e.method ? ' · ' + t('method.' + e.method) : ''}`,
          e.note ? ` · ${e.note}` : '', e.actor ? h('span', { class: 'muted' }, ` · ${actor(e.actor)}`) : ''))));
        if (shown.objections?.length) {
          parts.push(h('h3', {}, t('ident.objections')), h('ul', {}, shown.objections.map(o => h('li', {}, `${o.raisedOn} · ${o.raisedBy}: ${o.what}`,
            o.resolution ? ` → ${o.resolution}` : ''))));
        }
      }
      if (open) {
        const whose = STEP_OF[open.stage];
        if (session.roles.includes(whose)) parts.push(...stepFormsFor(open, `${base}/${open.id}`, load));
        else parts.push(h('p', { class: 'muted' }, t('ident.waiting', t('role.' + whose))));
      } else {
        if (!shown) parts.push(h('p', { class: 'muted' }, t('ident.none')));
        if (session.roles.includes('caseworker')) {
          const note = textarea();
          parts.push(stepForm([{ name: 'note', label: t('ident.declareNote'), control: note }], t('ident.declare'),
            v => api('household', `/households/${household.id}/identifications`, { method: 'POST', body: { note: v.note } }), load));
        }
      }
      panel.replaceChildren(...parts);
    } catch (error) { showProblem(panel, error); }
  }
  load();
  return panel;
}

function stepFormsFor(open, path, after) {
  const post = (step, body) => api('household', `${path}/${step}`, { method: 'POST', body });
  switch (open.stage) {
    case 'VERIFY':
      return [stepForm([
        { name: 'confirmed', label: t('ident.confirmed'), control: checkbox(true) },
        { name: 'method', label: t('ident.method'), control: select(['VISIT', 'PHONE'], 'method.', 'VISIT') },
        { name: 'on', label: t('ident.on'), control: input({ type: 'date' }) },
        { name: 'findings', label: t('ident.findings'), control: textarea() }], t('ident.verify'), v => post('verification', v), after)];
    case 'REVIEW':
      return [stepForm([
        { name: 'approved', label: t('ident.approved'), control: checkbox(true) },
        { name: 'note', label: t('ident.note'), control: textarea() },
        { name: 'postingStartsOn', label: t('ident.postingStarts'), control: input({ type: 'date' }) },
        { name: 'postingEndsOn', label: t('ident.postingEnds'), control: input({ type: 'date' }) }], t('ident.review'), v => post('review', v), after)];
    case 'POSTING':
      return [
        stepForm([], t('ident.completePosting'), () => post('posting-completion', {}), after),
        stepForm([
          { name: 'raisedBy', label: t('ident.raisedBy'), control: input({ maxlength: '200' }) },
          { name: 'what', label: t('ident.what'), control: textarea() }], t('ident.object'), v => post('objections', v), after)];
    case 'CONFIRM':
      return [stepForm([
        { name: 'confirmed', label: t('ident.yes'), control: checkbox(true) },
        { name: 'note', label: t('ident.note'), control: textarea() }], t('ident.confirm'), v => post('confirmation', v), after)];
    default:
      return [];
  }
}

// -------------------------------------------------------------------------------------------------------- contacts

function contactPanel(household) {
  const panel = h('div', { id: 'contacts' });
  async function load() {
    try {
      const log = await api('household', `/households/${household.id}/contacts`);
      const member = select(['', ...household.members.map(m => m.id)], null, '');
      [...member.options].forEach(o => { o.textContent = o.value ? household.members.find(m => m.id === o.value).name : t('contact.anyone'); });
      panel.replaceChildren(
        log.unreachable ? h('p', { class: 'problem' }, t('contact.unreachable', log.failedAttempts, log.failingSince)) : '',
        table([
          { label: t('col.date'), cell: c => c.on },
          { label: t('col.channel'), cell: c => t('channel.' + c.channel) },
          { label: t('col.reached'), cell: c => c.reached ? t('yes') : t('no') },
          { label: t('col.note'), cell: c => c.note || '' },
          { label: t('col.actor'), cell: c => actor(c.actor) },
        ], log.attempts),
        stepForm([
          { name: 'on', label: t('contact.on'), control: input({ type: 'date' }) },
          { name: 'channel', label: t('contact.channel'), control: select(['PHONE', 'VISIT', 'OTHER'], 'channel.', 'PHONE') },
          { name: 'reached', label: t('contact.reached'), control: checkbox(true) },
          { name: 'memberId', label: t('contact.member'), control: member },
          { name: 'note', label: t('contact.note'), control: textarea() }], t('contact.save'),
          v => api('household', `/households/${household.id}/contacts`, { method: 'POST', body: v }), load));
    } catch (error) { showProblem(panel, error); }
  }
  load();
  return panel;
}

/** A member's change as a case worker records it (a job found or lost, willingness, ability): the register decides again. */
function memberChange(household, member) {
  const details = h('details', {}, h('summary', {}, t('member.change')));
  details.append(stepForm([
    { name: 'status', label: t('member.status'), control: select(['UNEMPLOYED', 'EMPLOYED_STABLE', 'EMPLOYED_UNSTABLE', 'STUDENT', 'MILITARY', 'RETIRED'], 'employment.', member.status) },
    { name: 'effectiveOn', label: t('member.effectiveOn'), control: input({ type: 'date' }) },
    { name: 'labourCapacity', label: t('member.capacity'), control: select(['FULL', 'PARTIAL', 'NONE'], 'capacity.', member.labourCapacity) },
    { name: 'willingToWork', label: t('member.willing'), control: checkbox(member.willingToWork) },
  ], t('member.save'), v => api('household', `/households/${household.id}/members/${member.id}`, { method: 'PATCH', body: v }), route));
  return details;
}

// ------------------------------------------------------------------------------------------------------- placement

const memberName = (household, memberId) => household?.members?.find(m => m.id === memberId)?.name ?? memberId.slice(0, 8);

/** The posts suggested for a household's candidates, with the reasons the score gives, and an offer a click away. */
function suggestionPanel(household) {
  const panel = h('div', { id: 'suggestions' });
  async function load() {
    try {
      const [suggestions, offers] = await Promise.all([api('placement', `/households/${household.id}/suggestions`),
        api('placement', `/offers?householdId=${household.id}&size=100`)]);
      const offered = new Set(offers.items.map(o => `${o.memberId}/${o.postId}`));
      panel.replaceChildren(
        ...suggestions.map(s => h('div', {},
          h('h3', {}, memberName(household, s.candidate.memberId)),
          s.posts.length === 0 ? h('p', { class: 'muted' }, t('suggest.none')) : table([
            { label: t('col.post'), cell: p => [h('strong', {}, p.title), ` · ${p.employer}`] },
            { label: t('col.kind'), cell: p => t('kind.' + p.kind) },
            { label: t('col.wage'), cell: p => String(p.monthlyWage) },
            { label: t('suggest.title'), cell: p => [t('suggest.score', p.score), h('ul', {}, p.reasons.map(r => h('li', {}, r)))] },
            { label: t('col.offer'), cell: p => offered.has(`${s.candidate.memberId}/${p.postId}`) ? t('suggest.offered')
              : marked(stepForm([], t('suggest.offer'), () => api('placement', '/offers', { method: 'POST',
                body: { memberId: s.candidate.memberId, postId: p.postId } }), load), { post: p.postId }) },
          ], s.posts))),
        offers.items.length ? h('h3', {}, t('offers.household')) : '',
        offers.items.length ? await offerTable(offers.items, household, null) : '');
    } catch (error) {
      // placement-service learns a household from its events a moment after the register decides
      if (error.problem?.status === 404) panel.replaceChildren(h('p', { class: 'muted' }, t('suggest.wait')));
      else showProblem(panel, error);
    }
  }
  load();
  return panel;
}

const posts = new Map();
/** A post's title and employer, read once per page load. */
function postLabel(postId) {
  if (!posts.has(postId)) {
    posts.set(postId, api('placement', `/posts/${postId}`).then(p => `${p.title} · ${p.employer}`).catch(() => postId.slice(0, 8)));
  }
  return posts.get(postId);
}

async function offerTable(offers, household, reload) {
  const titles = new Map(await Promise.all([...new Set(offers.map(o => o.postId))].map(async id => [id, await postLabel(id)])));
  return table([
    { label: t('col.post'), cell: o => titles.get(o.postId) },
    { label: t('col.member'), cell: o => household ? memberName(household, o.memberId) : o.memberId.slice(0, 8) },
    { label: t('col.district'), cell: o => o.districtCode },
    { label: t('col.madeOn'), cell: o => o.madeOn },
    { label: t('offers.status'), cell: o => t('offer.' + o.status) },
    { label: t('col.answer'), cell: o => o.status !== 'MADE' || !reload ? (o.reason || o.respondedOn || '') : [
      marked(stepForm([{ name: 'startDate', label: t('offers.startDate'), control: input({ type: 'date' }) }], t('offers.accept'),
        v => api('placement', `/offers/${o.id}/accept`, { method: 'POST', body: v }), reload), { offer: o.id, action: 'accept' }),
      marked(stepForm([{ name: 'reason', label: t('offers.reason'), control: input({ maxlength: '500' }) },
        { name: 'reasonable', label: t('offers.reasonable'), control: checkbox(false) }], t('offers.decline'),
        v => api('placement', `/offers/${o.id}/decline`, { method: 'POST', body: v }), reload), { offer: o.id, action: 'decline' })] },
  ], offers);
}

async function postsPage(main, session) {
  const showClosed = h('input', { type: 'checkbox' });
  const list = h('div');
  async function load() {
    try {
      const page = await api('placement', `/posts?size=200${showClosed.checked ? '' : '&open=true'}`);
      list.replaceChildren(table([
        { label: t('col.post'), cell: p => [h('strong', {}, p.title), ` · ${p.employer}`] },
        { label: t('col.kind'), cell: p => t('kind.' + p.kind) },
        { label: t('col.district'), cell: p => p.districtCode },
        { label: t('col.wage'), cell: p => String(p.monthlyWage) },
        { label: t('col.openings'), cell: p => t('posts.left', p.openingsLeft, p.openings) },
        { label: '', cell: p => p.open ? stepForm([], t('posts.close'), () => api('placement', `/posts/${p.id}/close`, { method: 'POST', body: {} }), load)
          : t('posts.closed') },
      ], page.items));
    } catch (error) { showProblem(list, error); }
  }
  showClosed.addEventListener('change', load);
  const kind = select(['ENTERPRISE', 'PUBLIC_WELFARE', 'FLEXIBLE', 'SELF_EMPLOYMENT'], 'kind.', 'ENTERPRISE');
  const budget = select(['EMPLOYMENT_FUND', 'UNEMPLOYMENT_INSURANCE_FUND', 'LOCAL_BUDGET', 'LOTTERY_WELFARE_FUND', 'OTHER'], 'budget.', 'EMPLOYMENT_FUND');
  const postSubsidy = input({ type: 'number', min: '0', step: '1' });
  const insuranceSubsidy = input({ type: 'number', min: '0', step: '1' });
  const form = stepForm([
    { name: 'kind', label: t('posts.kind'), control: kind },
    { name: 'employer', label: t('posts.employer'), control: input({ maxlength: '200' }) },
    { name: 'title', label: t('posts.postTitle'), control: input({ maxlength: '200' }) },
    { name: 'districtCode', label: t('posts.district'), control: input({ inputmode: 'numeric', maxlength: '6', value: session.area?.length === 6 ? session.area : '' }) },
    { name: 'monthlyWage', label: t('posts.wage'), control: input({ type: 'number', min: '0', step: '1' }) },
    { name: 'openings', label: t('posts.openings'), control: input({ type: 'number', min: '1', step: '1', value: '1' }) },
    { name: 'contractMonths', label: t('posts.contract'), control: input({ type: 'number', min: '0', max: '120', step: '1' }) },
    { name: 'workingHours', label: t('posts.hours'), control: input({ maxlength: '100' }) },
    { name: 'skills', label: t('posts.skills'), control: input({ maxlength: '400' }) },
    { name: 'socialInsurancePaid', label: t('posts.insurance'), control: checkbox(true) },
    { name: 'funding.budget', label: t('posts.budget'), control: budget },
    { name: 'funding.monthlyPostSubsidy', label: t('posts.postSubsidy'), control: postSubsidy },
    { name: 'funding.monthlySocialInsuranceSubsidy', label: t('posts.insuranceSubsidy'), control: insuranceSubsidy },
  ], t('posts.publish'), v => {
    const body = { ...v, skills: v.skills ? v.skills.split(/[,，]/).map(x => x.trim()).filter(Boolean) : [] };
    for (const key of Object.keys(body)) if (key.startsWith('funding.')) delete body[key];
    // Only a public-welfare post is funded (and must say how); the others carry no funding.
    if (v.kind === 'PUBLIC_WELFARE') body.funding = { budget: v['funding.budget'], monthlyPostSubsidy: v['funding.monthlyPostSubsidy'],
      monthlySocialInsuranceSubsidy: v['funding.monthlySocialInsuranceSubsidy'] };
    return api('placement', '/posts', { method: 'POST', body });
  }, load);
  const funded = () => [budget, postSubsidy, insuranceSubsidy].forEach(c => { c.closest('.field').hidden = kind.value !== 'PUBLIC_WELFARE'; });
  kind.addEventListener('change', funded);
  funded();
  main.append(h('h1', {}, t('posts.title')), list, h('label', {}, showClosed, ' ', t('posts.showClosed')),
    h('h2', {}, t('posts.new')), form);
  await load();
}

async function candidatesPage(main) {
  const candidates = await api('placement', '/candidates?size=200');
  main.append(h('h1', {}, t('candidates.title')), table([
    { label: t('col.member'), cell: c => `${t('gender.' + c.gender)} · ${c.age}` },
    { label: t('col.education'), cell: c => c.education ? t('education.' + c.education) : '—' },
    { label: t('col.skills'), cell: c => [...(c.skills || []), ...(c.trainedSkills || [])].join('、') },
    { label: t('col.district'), cell: c => c.districtCode },
    { label: t('col.caseDay'), cell: c => c.caseDay == null ? '—' : t('inbox.day', c.caseDay) },
    { label: t('candidates.suggest'), cell: c => h('a', { href: `#/candidates/${c.householdId}` }, t('candidates.suggest')) },
  ], candidates));
}

async function candidatePage(main, session, householdId) {
  main.append(h('h1', {}, t('suggest.title')), suggestionPanel({ id: householdId, members: [] }));
}

async function offersPage(main) {
  const status = select(['MADE', 'ACCEPTED', 'DECLINED', ''], null, 'MADE');
  [...status.options].forEach(o => { o.textContent = o.value ? t('offer.' + o.value) : t('households.any'); });
  const list = h('div');
  async function load() {
    try {
      const page = await api('placement', `/offers?size=200${status.value ? '&status=' + status.value : ''}`);
      list.replaceChildren(await offerTable(page.items, null, load));
    } catch (error) { showProblem(list, error); }
  }
  status.addEventListener('change', load);
  main.append(h('h1', {}, t('offers.title')), h('div', { class: 'row' }, field(t('offers.status'), status)), list);
  await load();
}

async function placementsPage(main) {
  const active = h('input', { type: 'checkbox', checked: true });
  const list = h('div');
  async function load() {
    try {
      const page = await api('placement', `/placements?size=200${active.checked ? '&active=true' : ''}`);
      list.replaceChildren(table([
        { label: t('col.post'), cell: p => `${p.employer}` },
        { label: t('col.kind'), cell: p => t('kind.' + p.kind) },
        { label: t('col.district'), cell: p => p.districtCode },
        { label: t('placements.start'), cell: p => p.startDate },
        { label: t('col.wage'), cell: p => String(p.monthlyWage) },
        { label: t('offers.status'), cell: p => p.status === 'ACTIVE' ? marked(stepForm([
          { name: 'reason', label: t('placements.reason'), control: input({ maxlength: '500' }) },
          { name: 'on', label: t('placements.on'), control: input({ type: 'date' }) }], t('placements.end'),
          v => api('placement', `/placements/${p.id}/end`, { method: 'POST', body: v }), load), { placement: p.id })
          : `${t('placements.ended')} ${p.endedOn ?? ''} ${p.endReason ?? ''}` },
      ], page.items));
    } catch (error) { showProblem(list, error); }
  }
  active.addEventListener('change', load);
  main.append(h('h1', {}, t('placements.title')), h('label', {}, active, ' ', t('placements.activeOnly')), list);
  await load();
}

async function followUpsPage(main) {
  const list = h('div');
  async function load() {
    try {
      const due = await api('placement', '/follow-ups/due');
      list.replaceChildren(table([
        { label: t('col.dueOn'), cell: f => f.dueOn },
        { label: t('col.months'), cell: f => t('followUps.months', f.monthsAfter) },
        { label: t('col.district'), cell: f => f.districtCode },
        { label: t('col.result'), cell: f => stepForm([
          { name: 'result', label: t('followUps.result'), control: select(['STILL_EMPLOYED', 'LEFT', 'CHANGED_JOB'], 'result.', 'STILL_EMPLOYED') },
          { name: 'note', label: t('followUps.note'), control: input({ maxlength: '1000' }) }], t('followUps.save'),
          v => api('placement', `/follow-ups/${f.id}`, { method: 'POST', body: v }), load) },
      ], due));
    } catch (error) { showProblem(list, error); }
  }
  main.append(h('h1', {}, t('followUps.title')), list);
  await load();
}

// ----------------------------------------------------------------------------------------------------- supervision

const RANK = { CITY: 4, DISTRICT: 3, STREET: 2, COMMUNITY: 1 };
const households = new Map();

/** A household as people know it (head's name · community · address), or its short reference where it cannot be read. */
async function householdLabel(householdId) {
  if (!households.has(householdId)) {
    households.set(householdId, api('household', `/households/${householdId}`)
      .then(hh => `${householdName(hh)} · ${hh.community} · ${hh.address}`)
      .catch(() => `${t('col.household')} ${householdId.slice(0, 8)}`));
  }
  return households.get(householdId);
}

async function inboxPage(main) {
  const level = select(['', 'COMMUNITY', 'STREET', 'DISTRICT', 'CITY'], null, '');
  [...level.options].forEach(o => { o.textContent = o.value ? t('level.' + o.value) : t('households.any'); });
  const acknowledged = h('input', { type: 'checkbox' });
  const list = h('div');
  async function load() {
    list.replaceChildren(h('p', { class: 'muted' }, t('loading')));
    try {
      const query = `/escalations?size=200${level.value ? '&level=' + level.value : ''}${acknowledged.checked ? '' : '&acknowledged=false'}`;
      const steps = (await api('deadline', query)).items;
      // The ones nearest a breach first: the highest level, then the latest day.
      steps.sort((a, b) => (RANK[b.level] - RANK[a.level]) || (b.day - a.day));
      const labels = new Map(await Promise.all([...new Set(steps.map(s => s.householdId))].map(async id => [id, await householdLabel(id)])));
      list.replaceChildren(table([
        { label: t('col.level'), cell: s => t('level.' + s.level) },
        { label: t('col.day'), cell: s => t('inbox.day', s.day) },
        { label: t('col.household'), cell: s => h('a', { href: `#/cases/${s.caseId}` }, labels.get(s.householdId)) },
        { label: t('col.district'), cell: s => s.districtCode },
        { label: t('col.to'), cell: s => `${t('role.' + s.recipientRole)} ${s.area}` },
        { label: t('col.fired'), cell: s => time(s.firedAt) },
        { label: t('col.ack'), cell: s => s.acknowledgedAt ? h('span', {}, t('inbox.acked'), ' ', t('inbox.ackedBy', actor(s.acknowledgedBy), time(s.acknowledgedAt)))
          : addressedTo(s) ? acknowledgeForm(s, load) : h('span', { class: 'muted' }, t('inbox.theirs')) },
      ], steps.map(s => ({ ...s, rowClass: s.level }))));
    } catch (error) { showProblem(list, error); }
  }
  level.addEventListener('change', load);
  acknowledged.addEventListener('change', load);
  main.append(h('h1', {}, t('inbox.title')),
    h('div', { class: 'row' }, field(t('inbox.level'), level), h('label', {}, acknowledged, ' ', t('inbox.showAcknowledged'))), list);
  await load();
}

/** Only an alert's addressee (its role, in exactly its area) silences it; those above read it (the service says the same). */
function addressedTo(step) {
  return session.roles.includes(step.recipientRole) && session.area === step.area;
}

function acknowledgeForm(step, reload) {
  const note = h('input', { maxlength: '1000', autocomplete: 'off' });
  const problems = h('div');
  const form = h('form', { class: 'ack', onsubmit: async event => {
    event.preventDefault();
    try {
      await api('deadline', `/escalations/${step.id}/acknowledge`, { method: 'POST', body: { note: note.value || null } });
      toast(t('inbox.done'));
      await reload();
    } catch (error) { showProblem(problems, error, form); }
  } }, field(t('inbox.note'), note, { field: 'note' }), h('button', { class: 'primary', type: 'submit' }, t('inbox.ack')), problems);
  return form;
}

async function casesPage(main) {
  const cases = (await api('deadline', '/cases?status=OPEN&maxDaysLeft=5&size=200')).items;
  cases.sort((a, b) => a.daysLeft - b.daysLeft);
  const labels = new Map(await Promise.all([...new Set(cases.map(c => c.householdId))].map(async id => [id, await householdLabel(id)])));
  main.append(h('h1', {}, t('cases.title')), table([
    { label: t('col.daysLeft'), cell: c => daysLeftLine(c) },
    { label: t('col.household'), cell: c => h('a', { href: `#/cases/${c.id}` }, labels.get(c.householdId)) },
    { label: t('col.district'), cell: c => c.districtCode },
    { label: t('col.level'), cell: c => c.currentLevel ? t('level.' + c.currentLevel) : '—' },
    { label: t('col.lastDay'), cell: c => day(c.lastDay) },
  ], cases));
}

async function casePage(main, session, id) {
  const c = await api('deadline', `/cases/${id}`);
  main.append(h('h1', {}, t('case.title'), ' · ', await householdLabel(c.householdId)),
    h('p', {}, h('a', { href: `#/households/${c.householdId}` }, t('col.household'))),
    caseCard(c, false),
    h('h2', {}, t('case.timeline')),
    h('ol', { class: 'timeline' }, (c.timeline || []).map(entry => h('li', {}, h('time', { datetime: entry.at }, time(entry.at)), ' · ',
      happened(entry.type), entry.detail?.level ? ` · ${t('level.' + entry.detail.level)}` : ''))));
}

// --------------------------------------------------------------------------------------------------------- reports

async function reportsPage(main, session) {
  const month = h('input', { type: 'month', required: true, value: new Date().toISOString().slice(0, 7) });
  const out = h('div');
  const figures = ['zeroEmploymentNow', 'newlyDetected', 'newlyIdentified', 'eliminated', 'shareWithinDeadline'];
  async function load() {
    out.replaceChildren(h('p', { class: 'muted' }, t('loading')));
    try {
      const monthly = await api('reporting', `/reports/monthly?month=${month.value}`);
      out.replaceChildren(h('p', { class: 'muted' }, `${monthly.name} · ${monthly.from} – ${monthly.to} · ${t('reports.asOf', monthly.asOf)}`),
        table([{ label: t('col.area'), cell: r => `${r.name} (${r.area})` },
          ...figures.map(f => ({ label: t('fig.' + f), cell: r => String(r.figures[f] ?? '—') }))], monthly.rows));
    } catch (error) { showProblem(out, error); }
  }
  async function download(kind) {
    try {
      const response = await api('reporting', `/reports/monthly.${kind}?month=${month.value}&lang=${lang}`, { raw: true });
      const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '')?.[1] || `monthly.${kind}`;
      const link = h('a', { href: URL.createObjectURL(await response.blob()), download: name });
      document.body.append(link);
      link.click();
      link.remove();
    } catch (error) { showProblem(out, error); }
  }
  main.append(h('h1', {}, t('reports.title')),
    h('form', { class: 'row', onsubmit: event => { event.preventDefault(); load(); } }, field(t('reports.month'), month),
      h('button', { class: 'primary', type: 'submit' }, t('reports.show')),
      h('button', { class: 'secondary', type: 'button', onclick: () => download('xlsx') }, t('reports.xlsx')),
      h('button', { class: 'secondary', type: 'button', onclick: () => download('csv') }, t('reports.csv'))), out);
  await load();
}

// ---------------------------------------------------------------------------------------------------------- routing

const PAGES = [
  { path: /^#\/households\/new$/, page: registerPage, roles: ['caseworker'] },
  { path: /^#\/households\/([0-9a-f-]{36})$/, page: householdPage, roles: ['caseworker', 'supervisor'] },
  { path: /^#\/households$/, page: householdsPage, roles: ['caseworker'] },
  { path: /^#\/inbox$/, page: inboxPage, roles: ['supervisor', 'caseworker'] },
  { path: /^#\/cases$/, page: casesPage, roles: ['supervisor'] },
  { path: /^#\/cases\/([0-9a-f-]{36})$/, page: casePage, roles: ['supervisor', 'caseworker'] },
  { path: /^#\/reports$/, page: reportsPage, roles: ['official'] },
  { path: /^#\/posts$/, page: postsPage, roles: ['placement-officer'] },
  { path: /^#\/candidates$/, page: candidatesPage, roles: ['placement-officer'] },
  { path: /^#\/candidates\/([0-9a-f-]{36})$/, page: candidatePage, roles: ['placement-officer'] },
  { path: /^#\/offers$/, page: offersPage, roles: ['placement-officer'] },
  { path: /^#\/placements$/, page: placementsPage, roles: ['placement-officer'] },
  { path: /^#\/follow-ups$/, page: followUpsPage, roles: ['placement-officer'] },
];
const NAV = [
  { href: '#/households', key: 'nav.households', roles: ['caseworker'] },
  { href: '#/households/new', key: 'nav.register', roles: ['caseworker'] },
  { href: '#/inbox', key: 'nav.inbox', roles: ['supervisor', 'caseworker'] },
  { href: '#/cases', key: 'nav.cases', roles: ['supervisor'] },
  { href: '#/reports', key: 'nav.reports', roles: ['official'] },
  // reporting-service's dashboard, opened through the console: it signs its calls with this session (DashboardPages).
  { href: '/reporting/index.html', key: 'nav.dashboard', roles: ['official'] },
  { href: '#/posts', key: 'nav.posts', roles: ['placement-officer'] },
  { href: '#/candidates', key: 'nav.candidates', roles: ['placement-officer'] },
  { href: '#/offers', key: 'nav.offers', roles: ['placement-officer'] },
  { href: '#/placements', key: 'nav.placements', roles: ['placement-officer'] },
  { href: '#/follow-ups', key: 'nav.followUps', roles: ['placement-officer'] },
];

let session;

function chrome() {
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  document.getElementById('brand-sub').textContent = t('sub');
  document.getElementById('skip').textContent = t('skip');
  document.getElementById('nav').setAttribute('aria-label', t('nav'));
  document.getElementById('lang').textContent = t('other');
  document.getElementById('lang').setAttribute('lang', t('otherLang'));
  document.getElementById('logout').textContent = t('logout');
  document.getElementById('who').textContent = `${session.name} · ${session.roles.map(r => t('role.' + r)).join('、')} · ${session.area ?? ''}`;
  const nav = document.getElementById('nav');
  nav.replaceChildren(...NAV.filter(n => n.roles.some(r => session.roles.includes(r)))
    .map(n => h('a', { href: n.href, 'aria-current': location.hash === n.href ? 'page' : false }, t(n.key))));
}

let routed = 0;

/**
 * Shows the page the address names. A page is built apart and shown only if the address has not moved on meanwhile, so
 * a slow answer never lands under the next page; then focus goes to it, as a screen reader expects after navigation.
 */
async function route() {
  const ticket = ++routed;
  chrome();
  const main = document.getElementById('main');
  const home = NAV.find(n => n.roles.some(r => session.roles.includes(r)));
  if (!location.hash || location.hash === '#/') {
    if (home) { location.replace(home.href); return; }
    main.replaceChildren(h('p', {}, t('notYet')));
    return;
  }
  const match = PAGES.map(p => ({ p, m: p.path.exec(location.hash) })).find(x => x.m);
  if (!match) { location.replace(home ? home.href : '#/'); return; }
  if (!match.p.roles.some(r => session.roles.includes(r))) { main.replaceChildren(h('p', { role: 'alert' }, t('notAllowed'))); return; }
  main.replaceChildren(h('p', { class: 'muted' }, t('loading')));
  const view = h('div');
  try {
    await match.p.page(view, session, ...match.m.slice(1));
  } catch (error) {
    showProblem(view, error);
  }
  if (ticket !== routed) return;
  main.replaceChildren(...view.childNodes);
  document.title = `万家 · ${main.querySelector('h1')?.textContent ?? t('sub')}`;
  main.focus();
}

async function start() {
  const response = await fetch('/session', { headers: { 'X-Requested-With': 'JavaScript', Accept: 'application/json' }, credentials: 'same-origin' });
  session = await answer(response, false);
  document.getElementById('lang').addEventListener('click', () => {
    lang = lang === 'en' ? 'zh' : 'en';
    localStorage.setItem(LANG_KEY, lang);
    route();
  });
  window.addEventListener('hashchange', route);
  // The skip link moves focus, not the address (the address names the page).
  document.getElementById('skip').addEventListener('click', event => { event.preventDefault(); document.getElementById('main').focus(); });
  await route();
}

start();
