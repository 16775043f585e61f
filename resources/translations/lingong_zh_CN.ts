<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>enums</source>
        <translation>枚举</translation>
    </message>
</context>
<context>
    <name>AttentionDialog</name>
    <message>
        <source>Needs attention</source>
        <translation>待处理事项</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Take the selected entries off this list</source>
        <translation>将所选事项移出此列表</translation>
    </message>
    <message>
        <source>Job seeker</source>
        <translation>求职人员</translation>
    </message>
    <message>
        <source>Wanted job type</source>
        <translation>求职工种</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>用工单位</translation>
    </message>
    <message>
        <source>Job posting</source>
        <translation>用工岗位</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>介绍信</translation>
    </message>
    <message>
        <source>Referral step</source>
        <translation>介绍信进度</translation>
    </message>
    <message>
        <source>Personnel file</source>
        <translation>人事档案</translation>
    </message>
    <message>
        <source>File movement</source>
        <translation>档案流转</translation>
    </message>
    <message>
        <source>Guidance session</source>
        <translation>指导服务</translation>
    </message>
    <message>
        <source>Consultation</source>
        <translation>咨询记录</translation>
    </message>
    <message>
        <source>Knowledge article</source>
        <translation>知识库条目</translation>
    </message>
    <message>
        <source>Audit record</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>refused by the city</source>
        <translation>市级服务器拒收</translation>
    </message>
    <message>
        <source>conflict kept at the city</source>
        <translation>冲突已由市级保留待处理</translation>
    </message>
    <message>
        <source>not stored on this desk</source>
        <translation>本机未保存</translation>
    </message>
    <message>
        <source>Nothing needs attention.</source>
        <translation>没有待处理事项。</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>All clerks</source>
        <translation>全部经办人</translation>
    </message>
    <message>
        <source>A name, number or word</source>
        <translation>姓名、编号或关键词</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>操作类别</translation>
    </message>
    <message>
        <source>Export to XLSX…</source>
        <translation>导出为 XLSX…</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s)</source>
        <translation>
            <numerusform>共 %n 条操作</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) exported to {file}</source>
        <translation>
            <numerusform>已将 %n 条操作导出到 {file}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BoardPage</name>
    <message>
        <source>Job</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>薪酬</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>工作地点</translation>
    </message>
    <message>
        <source>Wanted</source>
        <translation>招聘人数</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>用工单位</translation>
    </message>
    <message>
        <source>Print wall sheets… (Ctrl+P)</source>
        <translation>打印墙报…（Ctrl+P）</translation>
    </message>
    <message>
        <source>Open job board screen (F11)</source>
        <translation>打开岗位信息大屏（F11）</translation>
    </message>
    <message>
        <source>{n} open postings, {places} places</source>
        <translation>招聘中岗位 {n} 个，共招 {places} 人</translation>
    </message>
    <message>
        <source>Job board wall sheets</source>
        <translation>岗位信息墙报</translation>
    </message>
    <message>
        <source>A4, four postings a sheet</source>
        <translation>A4，每张 4 个岗位</translation>
    </message>
    <message>
        <source>A3, six postings a sheet</source>
        <translation>A3，每张 6 个岗位</translation>
    </message>
</context>
<context>
    <name>ClerksDialog</name>
    <message>
        <source>Clerks</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>最近登录</translation>
    </message>
    <message>
        <source>New clerk&apos;s name</source>
        <translation>新操作员姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>Deactivate the chosen clerk</source>
        <translation>停用所选经办人</translation>
    </message>
    <message>
        <source>A clerk who has left (a temporary clerk&apos;s last day) can no longer sign in.</source>
        <translation>已离开的经办人（如临时人员到期）将不能再登录。</translation>
    </message>
    <message>
        <source>Add clerk</source>
        <translation>添加操作员</translation>
    </message>
    <message>
        <source>Only a supervisor can add clerks.</source>
        <translation>只有主管可以添加操作员。</translation>
    </message>
    <message>
        <source>Choose a clerk in the list first.</source>
        <translation>请先在列表中选择经办人。</translation>
    </message>
    <message>
        <source>{name} can no longer sign in.</source>
        <translation>{name} 已停用，不能再登录。</translation>
    </message>
    <message>
        <source>Not added: please correct the fields marked in red.</source>
        <translation>未添加：请更正标红的项目。</translation>
    </message>
    <message>
        <source>{name} can now sign in.</source>
        <translation>{name} 现在可以登录了。</translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message>
        <source>{title}: {n} record(s)</source>
        <translation>{title}：共 {n} 条记录</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
</context>
<context>
    <name>EmployerForm</name>
    <message>
        <source>Kind</source>
        <translation>单位类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>18-character unified social credit code</source>
        <translation>18 位统一社会信用代码</translation>
    </message>
    <message>
        <source>Employer&apos;s ID number</source>
        <translation>雇主身份证号</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Contact mobile</source>
        <translation>联系手机</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>单位地址</translation>
    </message>
    <message>
        <source>County or district</source>
        <translation>所在区县</translation>
    </message>
    <message>
        <source>(other)</source>
        <translation>（其他）</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>所属行业</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Post a job for it (Ctrl+J)</source>
        <translation>发布用工信息（Ctrl+J）</translation>
    </message>
    <message>
        <source>Save (Enter)</source>
        <translation>保存（Enter）</translation>
    </message>
    <message>
        <source>{name} is registered.</source>
        <translation>{name} 已登记。</translation>
    </message>
    <message>
        <source>{name} is updated.</source>
        <translation>{name} 的信息已更新。</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <source>Enroll this desk</source>
        <translation>本机注册</translation>
    </message>
    <message>
        <source>Ask the city bureau for a one-time code for this market&apos;s desk, then enter it with the city server&apos;s address.</source>
        <translation>请向市人社局索取本市场窗口的一次性注册码，连同市级服务器地址一并填写。</translation>
    </message>
    <message>
        <source>City server address</source>
        <translation>市级服务器地址</translation>
    </message>
    <message>
        <source>One-time code</source>
        <translation>一次性注册码</translation>
    </message>
    <message>
        <source>Certificate fingerprint (SHA-256)</source>
        <translation>证书指纹（SHA-256）</translation>
    </message>
    <message>
        <source>printed beside the code, e.g. 3A:7F:…</source>
        <translation>印在注册码旁边，如 3A:7F:…</translation>
    </message>
    <message>
        <source>The city&apos;s certificate is trusted only if it has this fingerprint. Leave it empty only for a certificate of a public authority.</source>
        <translation>只有指纹与此相同的市级服务器证书才被信任。仅当证书由公共认证机构签发时才可留空。</translation>
    </message>
    <message>
        <source>Allow unencrypted http:// (only inside a trusted network)</source>
        <translation>允许未加密的 http://（仅限可信的内部网络）</translation>
    </message>
    <message>
        <source>Name of this computer</source>
        <translation>本机名称</translation>
    </message>
    <message>
        <source>Enroll</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>Enter an address such as https://lingong.example.gov.cn</source>
        <translation>请输入地址，如 https://lingong.example.gov.cn</translation>
    </message>
    <message>
        <source>Enter the one-time code from the city.</source>
        <translation>请输入市级下发的一次性注册码。</translation>
    </message>
    <message>
        <source>A fingerprint is 64 hexadecimal digits (0-9, A-F).</source>
        <translation>指纹由 64 位十六进制字符（0-9、A-F）组成。</translation>
    </message>
    <message>
        <source>This address is not encrypted. Use the https:// address, or allow http below if this network is trusted.</source>
        <translation>此地址未加密。请使用 https:// 地址；若网络可信，可在下方允许 http。</translation>
    </message>
    <message>
        <source>Enrolling…</source>
        <translation>正在注册…</translation>
    </message>
    <message>
        <source>This computer is now desk {number} of {market}. Sync starts now.</source>
        <translation>本机已注册为{market}第 {number} 号窗口，现在开始同步。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ExportListDialog</name>
    <message>
        <source>Export a list to XLSX</source>
        <translation>导出名单（XLSX）</translation>
    </message>
    <message>
        <source>Records of {period}. ID numbers and phones are masked; a full export is recorded with its reason.</source>
        <translation>导出{period}的记录。身份证号和手机号已脱敏；完整导出须登记理由。</translation>
    </message>
    <message>
        <source>List</source>
        <translation>名单</translation>
    </message>
    <message>
        <source>Full ID numbers and phones</source>
        <translation>完整身份证号和手机号</translation>
    </message>
    <message>
        <source>supervisors only</source>
        <translation>仅限主管</translation>
    </message>
    <message>
        <source>Reason for the full export</source>
        <translation>完整导出的理由</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Give the reason for exporting full ID numbers and phones.</source>
        <translation>请填写导出完整身份证号和手机号的理由。</translation>
    </message>
    <message>
        <source>{n} row(s) written to {path}.</source>
        <translation>已导出 {n} 行到 {path}。</translation>
    </message>
    <message>
        <source>Not exported: {error}</source>
        <translation>未导出：{error}</translation>
    </message>
</context>
<context>
    <name>FigureTile</name>
    <message>
        <source>pt</source>
        <translation>个百分点</translation>
    </message>
    <message>
        <source>Before: {previous} ({change})  ·  A year ago: {year} ({year_change})</source>
        <translation>上期 {previous}（{change}） · 去年同期 {year}（{year_change}）</translation>
    </message>
</context>
<context>
    <name>FilePanel</name>
    <message>
        <source>Scan a file label or choose a file.</source>
        <translation>请扫描档案标签或选择档案。</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Who / where</source>
        <translation>对象/去向</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应还日期</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>To whom</source>
        <translation>借给谁</translation>
    </message>
    <message>
        <source>Lend</source>
        <translation>借阅</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>归还</translation>
    </message>
    <message>
        <source>Lend and return</source>
        <translation>借阅与归还</translation>
    </message>
    <message>
        <source>Lend to</source>
        <translation>借给</translation>
    </message>
    <message>
        <source>Receiving archive or employer</source>
        <translation>接收档案的档案机构或单位</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>快递单号</translation>
    </message>
    <message>
        <source>Transfer out</source>
        <translation>转出</translation>
    </message>
    <message>
        <source>Transfer out (ends custody)</source>
        <translation>转出（结束托管）</translation>
    </message>
    <message>
        <source>To</source>
        <translation>转往</translation>
    </message>
    <message>
        <source>Print label…</source>
        <translation>打印标签…</translation>
    </message>
    <message>
        <source>Custody certificate…</source>
        <translation>存档证明…</translation>
    </message>
    <message>
        <source>ID {id} · shelf {shelf} · received {date} from {source}
Contents: {items}</source>
        <translation>身份证号 {id} · 存放位置 {shelf} · {date} 接收自 {source}
档案材料：{items}</translation>
    </message>
</context>
<context>
    <name>FileTable</name>
    <message>
        <source>File no.</source>
        <translation>档案编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Shelf / lent to</source>
        <translation>存放位置/借阅人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应还日期</translation>
    </message>
</context>
<context>
    <name>FollowUpPage</name>
    <message>
        <source>Waiting for an answer</source>
        <translation>等待反馈</translation>
    </message>
    <message>
        <source>Overdue (past validity)</source>
        <translation>已逾期（超过有效期）</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Job seeker</source>
        <translation>求职人员</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>用工单位</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>开具日期</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message numerus="yes">
        <source>%n slip(s)</source>
        <translation>
            <numerusform>共 %n 份</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GuidanceLists</name>
    <message>
        <source>{n} day(s) overdue</source>
        <translation>逾期 {n} 天</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>in {n} day(s)</source>
        <translation>{n} 天后</translation>
    </message>
    <message>
        <source>Follow up on</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>求职人员</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>GuidanceWindow</name>
    <message>
        <source>Name, pinyin initials, ID number or phone</source>
        <translation>姓名、拼音首字母、身份证号或手机号</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>服务对象</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>服务类型</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>服务内容</translation>
    </message>
    <message>
        <source>What the person asked and what was discussed</source>
        <translation>咨询内容及交流情况</translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Course, policy, next step</source>
        <translation>推荐课程、政策、下一步安排</translation>
    </message>
    <message>
        <source>Follow up on</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, empty for none</source>
        <translation>YYYY-MM-DD，不回访请留空</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>New (Ctrl+N)</source>
        <translation>新建（Ctrl+N）</translation>
    </message>
    <message>
        <source>Guidance session</source>
        <translation>指导服务</translation>
    </message>
    <message>
        <source>What came of it</source>
        <translation>回访结果</translation>
    </message>
    <message>
        <source>Mark followed up</source>
        <translation>标记为已回访</translation>
    </message>
    <message>
        <source>Follow-ups (overdue and due today first)</source>
        <translation>待回访（逾期及今日到期的在前）</translation>
    </message>
    <message>
        <source>Pick a person to see their history.</source>
        <translation>请选择人员以查看其服务记录。</translation>
    </message>
    <message>
        <source>History at all windows</source>
        <translation>各窗口办理记录</translation>
    </message>
    <message>
        <source>Type a date such as 2026-03-15.</source>
        <translation>请输入日期，如 2026-03-15。</translation>
    </message>
    <message>
        <source>Guidance for {name} saved.</source>
        <translation>已保存 {name} 的指导服务记录。</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>未保存：{error}</translation>
    </message>
    <message>
        <source>Nothing was saved: please correct the marked fields.</source>
        <translation>未保存任何内容：请更正标出的字段。</translation>
    </message>
    <message>
        <source>{all} waiting, {due} due today or overdue</source>
        <translation>待回访 {all} 人，其中今日到期或已逾期 {due} 人</translation>
    </message>
    <message>
        <source>Choose a follow-up in the list first.</source>
        <translation>请先在列表中选择一条回访。</translation>
    </message>
    <message>
        <source>Follow-up of {name} recorded.</source>
        <translation>已记录 {name} 的回访。</translation>
    </message>
    <message>
        <source>History of {name}</source>
        <translation>{name} 的办理记录</translation>
    </message>
</context>
<context>
    <name>InformationWindow</name>
    <message>
        <source>Enquiries (Ctrl+1)</source>
        <translation>咨询登记（Ctrl+1）</translation>
    </message>
    <message>
        <source>Knowledge base (Ctrl+2)</source>
        <translation>知识库（Ctrl+2）</translation>
    </message>
    <message>
        <source>Job board (Ctrl+3)</source>
        <translation>岗位信息墙（Ctrl+3）</translation>
    </message>
</context>
<context>
    <name>JobBoard</name>
    <message>
        <source>Job board</source>
        <translation>岗位信息墙</translation>
    </message>
    <message>
        <source>{market} · Jobs on offer</source>
        <translation>{market} · 招聘岗位</translation>
    </message>
    <message>
        <source>Apply at the counter or call {phone}</source>
        <translation>请到窗口报名或致电 {phone}</translation>
    </message>
    <message>
        <source>No open postings at present. Ask at the counter.</source>
        <translation>目前暂无招聘中的岗位，请到窗口咨询。</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>第 {page} 页，共 {pages} 页</translation>
    </message>
</context>
<context>
    <name>KnowledgePage</name>
    <message>
        <source>Search answers: words or pinyin initials (Ctrl+F)</source>
        <translation>搜索答复：输入文字或拼音首字母（Ctrl+F）</translation>
    </message>
    <message>
        <source>Save article (Ctrl+S)</source>
        <translation>保存条目（Ctrl+S）</translation>
    </message>
    <message>
        <source>New article (Ctrl+N)</source>
        <translation>新建条目（Ctrl+N）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Article saved: {title}</source>
        <translation>已保存条目：{title}</translation>
    </message>
    <message>
        <source>The article could not be saved: {error}</source>
        <translation>条目未能保存：{error}</translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <source>LingGong Desk</source>
        <translation>零工服务台</translation>
    </message>
    <message>
        <source>LingGong Desk is already running on this data folder.</source>
        <translation>零工服务台已在使用这个数据文件夹，请切换到已打开的窗口。</translation>
    </message>
    <message>
        <source>Preparing the data file for this version of the program… This is done once and can take a few minutes. Please do not switch off the PC.</source>
        <translation>正在为新版本整理数据文件…只需进行一次，可能需要几分钟，请不要关闭电脑。</translation>
    </message>
    <message>
        <source>Backing up today&apos;s work…</source>
        <translation>正在备份今天的数据…</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <source>The backup was not restored; the data file is as it was.</source>
        <translation>备份未能恢复，数据文件保持原样。</translation>
    </message>
    <message>
        <source>The backup {file} is restored. The file it replaced is kept as {kept}. The next sync sends and fetches what the city and this desk lack. Please sign in again.</source>
        <translation>已恢复备份 {file}。被替换的数据文件保存为 {kept}。下次同步时会补发、补取市级平台和本机缺少的数据。请重新登录。</translation>
    </message>
</context>
<context>
    <name>ListPanel</name>
    <message numerus="yes">
        <source>More than %n found: type more to narrow the search</source>
        <translation>
            <numerusform>超过 %n 条，请输入更多内容缩小范围</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>共 %n 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <source>The desk is locked</source>
        <translation>服务台已锁定</translation>
    </message>
    <message>
        <source>{market}: sign in to go on. What was typed and not saved is kept. Another clerk can sign in here too.</source>
        <translation>{market}：请登录后继续。已录入但未保存的内容都会保留，也可由其他经办人在此登录。</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>LogPage</name>
    <message>
        <source>Answered</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Passed to: {window}</source>
        <translation>已转至：{window}</translation>
    </message>
    <message>
        <source>optional, 11 digits</source>
        <translation>选填，11 位数字</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>咨询方式</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>咨询主题</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>咨询问题</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Caller&apos;s name</source>
        <translation>咨询人姓名</translation>
    </message>
    <message>
        <source>Caller&apos;s phone</source>
        <translation>咨询人电话</translation>
    </message>
    <message>
        <source>Log enquiry (Enter)</source>
        <translation>登记咨询（Enter）</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>咨询人</translation>
    </message>
    <message>
        <source>New enquiry</source>
        <translation>新咨询</translation>
    </message>
    <message>
        <source>Enquiry logged: {topic}</source>
        <translation>已登记咨询：{topic}</translation>
    </message>
    <message>
        <source>The enquiry could not be saved: {error}</source>
        <translation>咨询未能保存：{error}</translation>
    </message>
    <message>
        <source>Today&apos;s enquiries: {n}</source>
        <translation>今日咨询：{n} 人次</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未解决</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>LingGong Desk — {market}</source>
        <translation>零工服务台 — {market}</translation>
    </message>
    <message>
        <source>1 Employment registration</source>
        <translation>1 就业创业登记</translation>
    </message>
    <message>
        <source>2 Personnel agency</source>
        <translation>2 人事代理</translation>
    </message>
    <message>
        <source>3 Job referral</source>
        <translation>3 职业介绍</translation>
    </message>
    <message>
        <source>4 Employment guidance</source>
        <translation>4 就业创业指导服务</translation>
    </message>
    <message>
        <source>5 Information</source>
        <translation>5 信息咨询</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>系统(&amp;S)</translation>
    </message>
    <message>
        <source>Statistics and reports…</source>
        <translation>统计与报表…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Clerks…</source>
        <translation>操作员…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Market: {name}</source>
        <translation>市场：{name}</translation>
    </message>
    <message>
        <source>Clerk: {name}</source>
        <translation>经办人：{name}</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message numerus="yes">
        <source>To sync: %n change(s)</source>
        <translation>
            <numerusform>待同步：%n 项更改</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MaskedFields</name>
    <message>
        <source>Show ID number…</source>
        <translation>显示身份证号…</translation>
    </message>
    <message>
        <source>Show mobile…</source>
        <translation>显示手机号…</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>mobile number</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Show in full</source>
        <translation>显示完整信息</translation>
    </message>
    <message>
        <source>Why do you need {name}&apos;s full {what}? (recorded)</source>
        <translation>为什么需要查看{name}的完整{what}？（将记入审计记录）</translation>
    </message>
</context>
<context>
    <name>MatchingPage</name>
    <message>
        <source>Job seekers for a posting</source>
        <translation>为岗位匹配求职人员</translation>
    </message>
    <message>
        <source>Postings for a job seeker</source>
        <translation>为求职人员匹配岗位</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>候选</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>基本情况</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>匹配分</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>匹配理由</translation>
    </message>
    <message>
        <source>Issue referral (Ctrl+Enter)</source>
        <translation>开具介绍信（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Type a posting: job, employer or initials, then Enter</source>
        <translation>输入岗位名称、用工单位或拼音首字母，按 Enter 确认</translation>
    </message>
    <message>
        <source>Type a job seeker: name, initials, ID number or mobile, then Enter</source>
        <translation>输入求职人员姓名、拼音首字母、身份证号或手机号，按 Enter 确认</translation>
    </message>
    <message>
        <source>Nothing found for {text}.</source>
        <translation>未找到“{text}”。</translation>
    </message>
    <message>
        <source>{age} years</source>
        <translation>{age} 岁</translation>
    </message>
    <message>
        <source>{eligible} suitable of {scored} considered</source>
        <translation>共比对 {scored} 个，符合条件 {eligible} 个</translation>
    </message>
    <message>
        <source>Issue referral for {name} (Ctrl+Enter)</source>
        <translation>为 {name} 开具介绍信（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Issue referral for {name} to {job} (Ctrl+Enter)</source>
        <translation>为 {name} 开具介绍信：{job}（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Matching failed: {error}</source>
        <translation>匹配失败：{error}</translation>
    </message>
    <message>
        <source>{name} cannot be referred: {why}</source>
        <translation>{name} 不符合介绍条件：{why}</translation>
    </message>
    <message>
        <source>Not issued: {error}</source>
        <translation>未开具：{error}</translation>
    </message>
</context>
<context>
    <name>OccupationListPicker</name>
    <message>
        <source>Type a job type, e.g. 家政 or jz, then Enter</source>
        <translation>输入工种，如“家政”或“jz”，按 Enter 确认</translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>18 characters; sex, birth date, native place follow</source>
        <translation>18 位，自动识别性别、出生日期和籍贯</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>文化程度</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <source>Household type</source>
        <translation>户口性质</translation>
    </message>
    <message>
        <source>Person category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Registered address</source>
        <translation>户籍地址</translation>
    </message>
    <message>
        <source>Current address</source>
        <translation>现居住地址</translation>
    </message>
    <message>
        <source>Lives in</source>
        <translation>居住区县</translation>
    </message>
    <message>
        <source>(other)</source>
        <translation>（其他）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>求职状态</translation>
    </message>
    <message>
        <source>Employment difficulty</source>
        <translation>就业困难类别</translation>
    </message>
    <message>
        <source>Wanted job types</source>
        <translation>求职工种</translation>
    </message>
    <message>
        <source>Work form</source>
        <translation>用工形式</translation>
    </message>
    <message>
        <source>(any)</source>
        <translation>（不限）</translation>
    </message>
    <message>
        <source>Pay counted</source>
        <translation>计薪方式</translation>
    </message>
    <message>
        <source>Expected pay from</source>
        <translation>期望薪酬（最低）</translation>
    </message>
    <message>
        <source>Expected pay to</source>
        <translation>期望薪酬（最高）</translation>
    </message>
    <message>
        <source>Available from</source>
        <translation>可到岗日期</translation>
    </message>
    <message>
        <source>Available times</source>
        <translation>可工作时间</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>技能特长</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>资格证书</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Save (Enter)</source>
        <translation>保存（Enter）</translation>
    </message>
    <message>
        <source>{sex} · born {birth} · {age} years · native place {place}</source>
        <translation>{sex} · {birth} 出生 · {age} 岁 · 籍贯 {place}</translation>
    </message>
    <message>
        <source>This ID number is already registered ({name}). The record is open for update; what you typed is kept. Save to update it.</source>
        <translation>该身份证号已登记（{name}），已打开该记录供修改，您输入的内容已保留，保存即可更新。</translation>
    </message>
    <message>
        <source>This ID number is already registered ({name}). The record is open for update.</source>
        <translation>该身份证号已登记（{name}），已打开该记录供修改。</translation>
    </message>
    <message>
        <source>Not shown: give the reason.</source>
        <translation>未显示：请填写原因。</translation>
    </message>
    <message>
        <source>Shown in full; this is recorded in the audit trail.</source>
        <translation>已显示完整信息，此操作已记入审计记录。</translation>
    </message>
    <message>
        <source>{name} is registered as a job seeker.</source>
        <translation>{name} 已完成求职登记。</translation>
    </message>
    <message>
        <source>{name}&apos;s registration is updated.</source>
        <translation>{name} 的登记信息已更新。</translation>
    </message>
</context>
<context>
    <name>PersonnelWindow</name>
    <message>
        <source>Scan a file label or type its number, then Enter (F2)</source>
        <translation>扫描档案标签或输入档案编号后按回车（F2）</translation>
    </message>
    <message>
        <source>Receive a file</source>
        <translation>接收档案</translation>
    </message>
    <message>
        <source>Files held</source>
        <translation>在档档案</translation>
    </message>
    <message>
        <source>Overdue loans</source>
        <translation>逾期未还</translation>
    </message>
    <message>
        <source>File</source>
        <translation>档案</translation>
    </message>
    <message>
        <source>No file numbered {number}.</source>
        <translation>没有编号为 {number} 的档案。</translation>
    </message>
    <message>
        <source>A4 sheet of labels</source>
        <translation>A4 标签纸</translation>
    </message>
    <message>
        <source>Label 60 × 40 mm</source>
        <translation>标签 60 × 40 mm</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4 幅面</translation>
    </message>
</context>
<context>
    <name>PostingForm</name>
    <message>
        <source>Employer</source>
        <translation>用工单位</translation>
    </message>
    <message>
        <source>Type the employer&apos;s name or initials</source>
        <translation>输入用工单位名称或拼音首字母</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>岗位名称</translation>
    </message>
    <message>
        <source>Job type</source>
        <translation>工种</translation>
    </message>
    <message>
        <source>Headcount</source>
        <translation>招聘人数</translation>
    </message>
    <message>
        <source>Work form</source>
        <translation>用工形式</translation>
    </message>
    <message>
        <source>Pay from</source>
        <translation>薪酬（最低）</translation>
    </message>
    <message>
        <source>Pay to</source>
        <translation>薪酬（最高）</translation>
    </message>
    <message>
        <source>Pay counted</source>
        <translation>计薪方式</translation>
    </message>
    <message>
        <source>Who may apply</source>
        <translation>性别要求</translation>
    </message>
    <message>
        <source>Age from</source>
        <translation>年龄下限</translation>
    </message>
    <message>
        <source>Age to</source>
        <translation>年龄上限</translation>
    </message>
    <message>
        <source>Work place</source>
        <translation>工作地点</translation>
    </message>
    <message>
        <source>County or district</source>
        <translation>所在区县</translation>
    </message>
    <message>
        <source>(other)</source>
        <translation>（其他）</translation>
    </message>
    <message>
        <source>Contact mobile</source>
        <translation>联系手机</translation>
    </message>
    <message>
        <source>Starts on</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>工作时间</translation>
    </message>
    <message>
        <source>e.g. 8:00-17:00 daily</source>
        <translation>如：每天 8:00-17:00</translation>
    </message>
    <message>
        <source>Bring</source>
        <translation>需携带</translation>
    </message>
    <message>
        <source>besides the slip and ID card: gloves...</source>
        <translation>如：手套、水杯</translation>
    </message>
    <message>
        <source>Skills required</source>
        <translation>技能要求</translation>
    </message>
    <message>
        <source>Meals provided</source>
        <translation>包吃</translation>
    </message>
    <message>
        <source>Lodging provided</source>
        <translation>包住</translation>
    </message>
    <message>
        <source>Provided</source>
        <translation>食宿</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>岗位描述</translation>
    </message>
    <message>
        <source>Close posting</source>
        <translation>关闭岗位</translation>
    </message>
    <message>
        <source>Publish (Enter)</source>
        <translation>发布（Enter）</translation>
    </message>
    <message>
        <source>{status} · {filled} of {headcount} hired</source>
        <translation>{status} · 已录用 {filled}/{headcount} 人</translation>
    </message>
    <message>
        <source>New posting</source>
        <translation>新建岗位</translation>
    </message>
    <message>
        <source>The posting {title} is published.</source>
        <translation>岗位“{title}”已发布。</translation>
    </message>
    <message>
        <source>The posting {title} is updated.</source>
        <translation>岗位“{title}”已更新。</translation>
    </message>
    <message>
        <source>The posting {title} is closed.</source>
        <translation>岗位“{title}”已关闭。</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>Print… (Ctrl+P)</source>
        <translation>打印…（Ctrl+P）</translation>
    </message>
    <message>
        <source>Save as PDF… (Ctrl+S)</source>
        <translation>另存为 PDF…（Ctrl+S）</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>版式</translation>
    </message>
    <message>
        <source>Reprint (copy {n})</source>
        <translation>补打（第{n}份）</translation>
    </message>
    <message>
        <source>The document could not be made: {error}</source>
        <translation>无法生成文档：{error}</translation>
    </message>
    <message>
        <source>Not printed: {error}</source>
        <translation>未打印：{error}</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>未保存：{error}</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>%1 文件</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>ReceivePage</name>
    <message>
        <source>Name, pinyin initials or ID number</source>
        <translation>姓名、拼音首字母或身份证号</translation>
    </message>
    <message>
        <source>Former employer, school or archive</source>
        <translation>原工作单位、学校或档案机构</translation>
    </message>
    <message>
        <source>e.g. A-01-03</source>
        <translation>如 A-01-03</translation>
    </message>
    <message>
        <source>Receive file (Ctrl+S)</source>
        <translation>接收档案（Ctrl+S）</translation>
    </message>
    <message>
        <source>Job seeker</source>
        <translation>求职人员</translation>
    </message>
    <message>
        <source>Received from</source>
        <translation>档案来源</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>档案材料</translation>
    </message>
    <message>
        <source>Shelf location</source>
        <translation>存放位置</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Choose the job seeker whose file this is.</source>
        <translation>请选择该档案所属的求职人员。</translation>
    </message>
    <message>
        <source>Received as {number}.</source>
        <translation>已接收，档案编号 {number}。</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>未保存：{error}</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>New (Ctrl+N)</source>
        <translation>新建（Ctrl+N）</translation>
    </message>
    <message>
        <source>Enter a number or a date such as 2026-12-01.</source>
        <translation>请输入数字或日期，如 2026-12-01。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Not saved: please correct the fields marked in red.</source>
        <translation>未保存：请更正标红的项目。</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>未保存：{error}</translation>
    </message>
</context>
<context>
    <name>RecoveryCodeDialog</name>
    <message>
        <source>Recovery code of this desk&apos;s data</source>
        <translation>本服务台数据的恢复码</translation>
    </message>
    <message>
        <source>The data on this PC and its backups are encrypted. The key is kept by this PC, so nobody types a password for it. If the PC breaks or is replaced, this code opens the backups on another PC.

Write it down on paper now and keep it locked away, apart from the PC and the backup stick. It is shown only this once.</source>
        <translation>本机的数据和备份均已加密。密钥由本机保管，日常使用无需另外输入密码。如果电脑损坏或更换，可用此恢复码在另一台电脑上打开备份。

请现在把它抄写在纸上，锁好保管，不要和电脑或备份 U 盘放在一起。恢复码只显示这一次。</translation>
    </message>
    <message>
        <source>I have written the code down</source>
        <translation>我已抄下恢复码</translation>
    </message>
</context>
<context>
    <name>ReferralPanel</name>
    <message>
        <source>Posting already filled</source>
        <translation>岗位已招满</translation>
    </message>
    <message>
        <source>Skills do not fit</source>
        <translation>技能不符</translation>
    </message>
    <message>
        <source>Pay not agreed</source>
        <translation>薪酬未谈妥</translation>
    </message>
    <message>
        <source>Age or health does not fit</source>
        <translation>年龄或身体条件不符</translation>
    </message>
    <message>
        <source>Worker declined</source>
        <translation>求职人员本人放弃</translation>
    </message>
    <message>
        <source>Issued by mistake</source>
        <translation>误开</translation>
    </message>
    <message>
        <source>Reason (needed for not hired and void)</source>
        <translation>原因（未录用、作废时必填）</translation>
    </message>
    <message>
        <source>Record (Enter)</source>
        <translation>登记结果（Enter）</translation>
    </message>
    <message>
        <source>Print slip (Ctrl+P)</source>
        <translation>打印介绍信（Ctrl+P）</translation>
    </message>
    <message>
        <source>History</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <source>No referral open</source>
        <translation>未打开介绍信</translation>
    </message>
    <message>
        <source>Scan a slip&apos;s barcode, or issue a referral.</source>
        <translation>请扫描介绍信条码，或开具介绍信。</translation>
    </message>
    <message>
        <source>Worker: {name} ({sex}, {age}) · {id} · {phone}</source>
        <translation>求职人员：{name}（{sex}，{age} 岁）· {id} · {phone}</translation>
    </message>
    <message>
        <source>Job: {title} at {employer} · {pay} {unit}</source>
        <translation>岗位：{title}（{employer}）· {pay} {unit}</translation>
    </message>
    <message>
        <source>Issued {issued} by {clerk}; valid until {until} · printed {n} time(s)</source>
        <translation>{issued} 由 {clerk} 开具；有效期至 {until} · 已打印 {n} 次</translation>
    </message>
    <message>
        <source>Press Enter to record: {outcome}</source>
        <translation>按 Enter 登记：{outcome}</translation>
    </message>
    <message>
        <source>Recorded: {outcome}.</source>
        <translation>已登记：{outcome}。</translation>
    </message>
    <message>
        <source>Not recorded: {error}</source>
        <translation>未登记：{error}</translation>
    </message>
</context>
<context>
    <name>ReferralWindow</name>
    <message>
        <source>Scan a slip&apos;s barcode or type its number, then Enter (F2)</source>
        <translation>扫描介绍信条码或输入编号，按 Enter 确认（F2）</translation>
    </message>
    <message>
        <source>Referral slips issued (person-times), preliminary intentions and hires recorded today and in this calendar month at this market.</source>
        <translation>本市场今日与本月开具的介绍信（人次）、登记的初步意向和录用人数。</translation>
    </message>
    <message>
        <source>Matching</source>
        <translation>人岗匹配</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>跟踪回访</translation>
    </message>
    <message>
        <source>{period}: {r} referred · {i} intentions · {h} hired</source>
        <translation>{period}：介绍 {r} 人次 · 初步意向 {i} · 录用 {h}</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>No referral with the number {number}.</source>
        <translation>没有编号为 {number} 的介绍信。</translation>
    </message>
    <message>
        <source>Referral {number} issued for {name}: {job}.</source>
        <translation>已为 {name} 开具介绍信 {number}：{job}。</translation>
    </message>
    <message>
        <source>A4 (letter, return slip, stub)</source>
        <translation>A4（介绍信、回执、存根）</translation>
    </message>
    <message>
        <source>80 mm receipt</source>
        <translation>80 毫米小票</translation>
    </message>
</context>
<context>
    <name>RegistrationPages</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Name</source>
        <comment>of a person</comment>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Wanted jobs</source>
        <translation>求职工种</translation>
    </message>
    <message>
        <source>Work form</source>
        <translation>用工形式</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <source>Search: name, initials (zs), pinyin, ID number or mobile</source>
        <translation>搜索：姓名、首字母（zs）、拼音、身份证号或手机号</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Both sexes</source>
        <translation>不限性别</translation>
    </message>
    <message>
        <source>All work forms</source>
        <translation>全部用工形式</translation>
    </message>
    <message>
        <source>All job types</source>
        <translation>全部工种</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>单位类型</translation>
    </message>
    <message>
        <source>Credit code / ID</source>
        <translation>信用代码/身份证号</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Open postings</source>
        <translation>在招岗位</translation>
    </message>
    <message>
        <source>Search: name, initials, credit code or mobile</source>
        <translation>搜索：名称、首字母、信用代码或手机号</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>用工单位</translation>
    </message>
    <message>
        <source>Job type</source>
        <translation>工种</translation>
    </message>
    <message>
        <source>Hired / wanted</source>
        <translation>已录用/招聘</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>薪酬</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布日期</translation>
    </message>
    <message>
        <source>Search: job, employer, initials</source>
        <translation>搜索：岗位、用工单位、首字母</translation>
    </message>
</context>
<context>
    <name>RegistrationWindow</name>
    <message>
        <source>Job seekers (Ctrl+1)</source>
        <translation>求职人员（Ctrl+1）</translation>
    </message>
    <message>
        <source>Employers (Ctrl+2)</source>
        <translation>用工单位（Ctrl+2）</translation>
    </message>
    <message>
        <source>Labour demand (Ctrl+3)</source>
        <translation>用工信息（Ctrl+3）</translation>
    </message>
</context>
<context>
    <name>SafetyControls</name>
    <message>
        <source>Lock / switch clerk</source>
        <translation>锁定 / 切换经办人</translation>
    </message>
    <message>
        <source>Backups and security…</source>
        <translation>备份与安全…</translation>
    </message>
    <message>
        <source>Audit trail…</source>
        <translation>审计记录…</translation>
    </message>
</context>
<context>
    <name>SafetyDialog</name>
    <message>
        <source>Backups and security</source>
        <translation>备份与安全</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore the chosen backup…</source>
        <translation>恢复所选备份…</translation>
    </message>
    <message>
        <source>Restore from a file…</source>
        <translation>从文件恢复…</translation>
    </message>
    <message>
        <source>Settings (supervisor)</source>
        <translation>设置（主管）</translation>
    </message>
    <message>
        <source>e.g. a USB stick or a network share</source>
        <translation>例如 U 盘或网络共享文件夹</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Second backup folder</source>
        <translation>第二备份文件夹</translation>
    </message>
    <message>
        <source>Lock after idle (minutes)</source>
        <translation>无操作自动锁定（分钟）</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <source>Before an update (schema {rev})</source>
        <translation>升级前（数据版本 {rev}）</translation>
    </message>
    <message>
        <source>End of day</source>
        <translation>每日备份</translation>
    </message>
    <message>
        <source>Made by hand</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <source>File replaced by a restore</source>
        <translation>恢复时替换下的文件</translation>
    </message>
    <message>
        <source>File replaced by a restore (damaged)</source>
        <translation>恢复时替换下的文件（已损坏）</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backup made and checked ({size}, {count} folder(s)).</source>
        <translation>备份完成并已校验（{size}，{count} 个文件夹）。</translation>
    </message>
    <message>
        <source>Backup not made everywhere: {why}</source>
        <translation>部分备份未完成：{why}</translation>
    </message>
    <message>
        <source>Restore from a file</source>
        <translation>从文件恢复</translation>
    </message>
    <message>
        <source>Desk backups (*.sqlite3)</source>
        <translation>服务台备份 (*.sqlite3)</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>正在校验备份…</translation>
    </message>
    <message>
        <source>This backup cannot be restored: {why}</source>
        <translation>此备份无法恢复：{why}</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>恢复码</translation>
    </message>
    <message>
        <source>This backup was encrypted on another PC, or before this one was set up again. Type the recovery code kept on paper (eight groups of four):</source>
        <translation>此备份是在另一台电脑上（或本机重装系统之前）加密的。请输入纸上保存的恢复码（8 组，每组 4 个字符）：</translation>
    </message>
    <message>
        <source>Not restored: the backup needs its recovery code.</source>
        <translation>未恢复：此备份需要输入恢复码。</translation>
    </message>
    <message>
        <source>The backup is whole.</source>
        <translation>备份完整。</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Restore {file}?

The program closes the data file (a copy of it is kept among the backups), puts the backup in its place and asks you to sign in again. Work done after the backup comes back from the city at the next sync, if this desk syncs.</source>
        <translation>确定恢复 {file} 吗？

程序将关闭当前数据文件（其副本会保存在备份中），用该备份替换它，然后请您重新登录。如果本服务台已与市级平台同步，备份之后办理的业务会在下次同步时取回。</translation>
    </message>
    <message>
        <source>Not saved: {why}</source>
        <translation>未保存：{why}</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>City server address</source>
        <translation>市级服务器地址</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Number of this desk (1-9)</source>
        <translation>本机窗口编号（1-9）</translation>
    </message>
    <message>
        <source>Each desk of the market needs its own number: it keeps referral numbers apart.</source>
        <translation>同一市场的每台电脑须使用不同编号，以免介绍信编号重复。</translation>
    </message>
    <message>
        <source>Referral slips valid for (days)</source>
        <translation>介绍信有效期（天）</translation>
    </message>
    <message>
        <source>Language and data folder take effect at the next start.</source>
        <translation>语言和数据文件夹在下次启动时生效。</translation>
    </message>
    <message>
        <source>Enter an address such as https://lingong.example.gov.cn</source>
        <translation>请输入地址，如 https://lingong.example.gov.cn</translation>
    </message>
    <message>
        <source>Choose a data folder.</source>
        <translation>请选择数据文件夹。</translation>
    </message>
    <message>
        <source>The settings could not be saved: {error}</source>
        <translation>设置未能保存：{error}</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>Set up LingGong Desk</source>
        <translation>零工服务台初始设置</translation>
    </message>
    <message>
        <source>This desk has no market yet. Enter the market it serves and create the first clerk account (a supervisor).</source>
        <translation>本机尚未设置所属市场。请填写本机服务的零工市场，并创建第一个操作员账号（主管）。</translation>
    </message>
    <message>
        <source>Market code</source>
        <translation>市场代码</translation>
    </message>
    <message>
        <source>2 to 6 capital letters, e.g. ZY</source>
        <translation>2–6 位大写字母，如 ZY</translation>
    </message>
    <message>
        <source>Market name</source>
        <translation>市场名称</translation>
    </message>
    <message>
        <source>e.g. 左云县零工市场</source>
        <translation>如：左云县零工市场</translation>
    </message>
    <message>
        <source>Region code</source>
        <translation>行政区划代码</translation>
    </message>
    <message>
        <source>6 digits, e.g. 140226</source>
        <translation>6 位数字，如 140226</translation>
    </message>
    <message>
        <source>Market phone</source>
        <translation>市场电话</translation>
    </message>
    <message>
        <source>Market address</source>
        <translation>市场地址</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>Please correct the fields marked in red.</source>
        <translation>请更正标红的项目。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in — {market}</source>
        <translation>登录 — {market}</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>StatisticsWindow</name>
    <message>
        <source>Statistics — {market}</source>
        <translation>统计与报表 — {market}</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <source>Range of days</source>
        <translation>自定义时段</translation>
    </message>
    <message>
        <source>Previous period (Alt+Left)</source>
        <translation>上一期（Alt+←）</translation>
    </message>
    <message>
        <source>Next period (Alt+Right)</source>
        <translation>下一期（Alt+→）</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>本期</translation>
    </message>
    <message>
        <source>Report (PDF)… Ctrl+P</source>
        <translation>报表（PDF）… Ctrl+P</translation>
    </message>
    <message>
        <source>Workbook (XLSX)…</source>
        <translation>报表（XLSX）…</translation>
    </message>
    <message>
        <source>Export a list…</source>
        <translation>导出名单…</translation>
    </message>
    <message>
        <source>The last day is before the first.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>The figures could not be computed: {error}</source>
        <translation>统计数据未能算出：{error}</translation>
    </message>
    <message>
        <source>{scope} · compared with {previous} and {year}</source>
        <translation>{scope} · 对比上期（{previous}）和去年同期（{year}）</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>A4 portrait</source>
        <translation>A4 纵向</translation>
    </message>
    <message>
        <source>Save the workbook</source>
        <translation>保存报表</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>已保存 {path}。</translation>
    </message>
</context>
<context>
    <name>SyncControls</name>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Needs attention…</source>
        <translation>待处理事项…</translation>
    </message>
    <message>
        <source>Enroll this desk…</source>
        <translation>本机注册…</translation>
    </message>
    <message>
        <source>Export changes to a bundle file…</source>
        <translation>导出更改到同步包文件…</translation>
    </message>
    <message>
        <source>Import a bundle file from the city…</source>
        <translation>导入市级同步包文件…</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Syncing with the city server…</source>
        <translation>正在与市级服务器同步…</translation>
    </message>
    <message>
        <source>Folder for the bundle files (e.g. a USB stick)</source>
        <translation>同步包文件存放位置（如U盘）</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n bundle file(s) to {folder}</source>
        <translation>
            <numerusform>已向 {folder} 写入 %n 个同步包文件</numerusform>
        </translation>
    </message>
    <message>
        <source>No changes are waiting to be sent.</source>
        <translation>没有待发送的更改。</translation>
    </message>
    <message>
        <source>Bundle file from the city</source>
        <translation>市级同步包文件</translation>
    </message>
    <message>
        <source>LingGong bundles (*.lgbundle);;All files (*)</source>
        <translation>零工同步包 (*.lgbundle);;所有文件 (*)</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n change(s) from the city.</source>
        <translation>
            <numerusform>已从市级导入 %n 项更改。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>Not enrolled with the city</source>
        <translation>本机尚未注册</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>City server not reachable</source>
        <translation>无法连接市级服务器</translation>
    </message>
    <message>
        <source>Last sync failed</source>
        <translation>上次同步失败</translation>
    </message>
    <message>
        <source>oldest unsent: {age}</source>
        <translation>最早未发送：{age}</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>last sync: {time}</source>
        <translation>上次同步：{time}</translation>
    </message>
    <message numerus="yes">
        <source>Needs attention: %n</source>
        <translation>
            <numerusform>待处理：%n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncTexts</name>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>出现错误：{error}</translation>
    </message>
    <message>
        <source>The city server cannot be reached. Check the network and the address.</source>
        <translation>无法连接市级服务器，请检查网络和地址。</translation>
    </message>
    <message>
        <source>The city server did not answer in time. Sync will try again.</source>
        <translation>市级服务器响应超时，稍后将自动重试同步。</translation>
    </message>
    <message>
        <source>The city server no longer accepts this desk. Enroll it again.</source>
        <translation>市级服务器已不再接受本机，请重新注册。</translation>
    </message>
    <message>
        <source>The enrollment code is unknown, used or expired. Ask the city for a new one.</source>
        <translation>注册码无效、已使用或已过期，请向市级索取新的注册码。</translation>
    </message>
    <message>
        <source>This enrollment code is for another market. Nothing was changed.</source>
        <translation>此注册码属于其他市场，未作任何更改。</translation>
    </message>
    <message>
        <source>This desk is not enrolled yet: System → Enroll this desk…</source>
        <translation>本机尚未注册：系统 → 本机注册…</translation>
    </message>
    <message>
        <source>The bundle&apos;s signature does not match: the file was changed or does not come from the city. Nothing was imported.</source>
        <translation>同步包签名不符：文件已被改动或并非来自市级，未导入任何内容。</translation>
    </message>
    <message>
        <source>This file cannot be used as a sync bundle.</source>
        <translation>此文件不是可用的同步包。</translation>
    </message>
    <message>
        <source>Sync was stopped.</source>
        <translation>同步已停止。</translation>
    </message>
    <message>
        <source>The city server&apos;s certificate is not the one this desk trusts (its fingerprint differs). Nothing was sent. Check the fingerprint with the city bureau.</source>
        <translation>市级服务器的证书不是本机信任的证书（指纹不符），未发送任何数据。请向市局核对证书指纹。</translation>
    </message>
    <message>
        <source>The city server&apos;s address is unencrypted http:// to another computer. Use its https:// address, or allow http when enrolling (only inside a trusted network).</source>
        <translation>市级服务器地址是连到其他计算机的未加密 http://。请使用其 https:// 地址，或在注册时允许 http（仅限可信的内部网络）。</translation>
    </message>
    <message>
        <source>The city server needs a newer LingGong Desk: install the current version. Your changes are kept and will be sent then.</source>
        <translation>市级服务器需要更新版本的零工服务台：请安装最新版本。您的数据已保留，更新后会自动发送。</translation>
    </message>
    <message>
        <source>The city server refused the request.</source>
        <translation>市级服务器拒绝了此请求。</translation>
    </message>
</context>
<context>
    <name>_Card</name>
    <message>
        <source>{n} wanted</source>
        <translation>招 {n} 人</translation>
    </message>
    <message>
        <source>to be agreed</source>
        <translation>面议</translation>
    </message>
    <message>
        <source>meals</source>
        <translation>包吃</translation>
    </message>
    <message>
        <source>lodging</source>
        <translation>包住</translation>
    </message>
    <message>
        <source>Pay: {pay}</source>
        <translation>薪酬：{pay}</translation>
    </message>
    <message>
        <source>Place: {place}</source>
        <translation>地点：{place}</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>Registrations and edits</source>
        <translation>登记与修改</translation>
    </message>
    <message>
        <source>Prints and exports</source>
        <translation>打印与导出</translation>
    </message>
    <message>
        <source>Unmasking</source>
        <translation>查看完整信息</translation>
    </message>
    <message>
        <source>Sign-ins and locks</source>
        <translation>登录与锁定</translation>
    </message>
    <message>
        <source>Failed sign-ins</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>Accounts, backups, restores</source>
        <translation>账号、备份与恢复</translation>
    </message>
    <message>
        <source>Job seeker registered</source>
        <translation>求职人员登记</translation>
    </message>
    <message>
        <source>Job seeker edited</source>
        <translation>求职人员修改</translation>
    </message>
    <message>
        <source>ID number or phone unmasked</source>
        <translation>查看完整身份证号或手机号</translation>
    </message>
    <message>
        <source>Job seeker&apos;s status changed</source>
        <translation>求职者状态变更</translation>
    </message>
    <message>
        <source>List exported unmasked</source>
        <translation>名单明文导出</translation>
    </message>
    <message>
        <source>Monthly report printed</source>
        <translation>月报已打印</translation>
    </message>
    <message>
        <source>Monthly report reprinted</source>
        <translation>月报已补打</translation>
    </message>
    <message>
        <source>Monthly report saved as PDF</source>
        <translation>月报已另存为 PDF</translation>
    </message>
    <message>
        <source>Employer registered</source>
        <translation>用工单位登记</translation>
    </message>
    <message>
        <source>Employer edited</source>
        <translation>用工单位修改</translation>
    </message>
    <message>
        <source>Posting published</source>
        <translation>发布用工信息</translation>
    </message>
    <message>
        <source>Posting edited</source>
        <translation>修改用工信息</translation>
    </message>
    <message>
        <source>Posting closed</source>
        <translation>关闭用工信息</translation>
    </message>
    <message>
        <source>Referral issued</source>
        <translation>开具介绍信</translation>
    </message>
    <message>
        <source>Referral: intention</source>
        <translation>介绍结果：初步意向</translation>
    </message>
    <message>
        <source>Referral: hired</source>
        <translation>介绍结果：录用</translation>
    </message>
    <message>
        <source>Referral: not hired</source>
        <translation>介绍结果：未录用</translation>
    </message>
    <message>
        <source>Referral: no show</source>
        <translation>介绍结果：未到岗</translation>
    </message>
    <message>
        <source>Referral: expired</source>
        <translation>介绍信过期</translation>
    </message>
    <message>
        <source>Referral voided</source>
        <translation>介绍信作废</translation>
    </message>
    <message>
        <source>Referral slip printed</source>
        <translation>打印介绍信</translation>
    </message>
    <message>
        <source>Referral slip reprinted</source>
        <translation>补打介绍信</translation>
    </message>
    <message>
        <source>Referral slip saved as PDF</source>
        <translation>介绍信另存为 PDF</translation>
    </message>
    <message>
        <source>Personnel file received</source>
        <translation>接收档案</translation>
    </message>
    <message>
        <source>Personnel file lent</source>
        <translation>借出档案</translation>
    </message>
    <message>
        <source>Personnel file returned</source>
        <translation>归还档案</translation>
    </message>
    <message>
        <source>Personnel file transferred out</source>
        <translation>转出档案</translation>
    </message>
    <message>
        <source>File label printed</source>
        <translation>打印档案标签</translation>
    </message>
    <message>
        <source>File label reprinted</source>
        <translation>补打档案标签</translation>
    </message>
    <message>
        <source>File label saved as PDF</source>
        <translation>档案标签另存为 PDF</translation>
    </message>
    <message>
        <source>Custody certificate printed</source>
        <translation>打印存档证明</translation>
    </message>
    <message>
        <source>Custody certificate reprinted</source>
        <translation>补打存档证明</translation>
    </message>
    <message>
        <source>Custody certificate saved as PDF</source>
        <translation>存档证明另存为 PDF</translation>
    </message>
    <message>
        <source>Job board printed</source>
        <translation>打印岗位公告</translation>
    </message>
    <message>
        <source>Job board reprinted</source>
        <translation>补打岗位公告</translation>
    </message>
    <message>
        <source>Job board saved as PDF</source>
        <translation>岗位公告另存为 PDF</translation>
    </message>
    <message>
        <source>Guidance session recorded</source>
        <translation>记录指导服务</translation>
    </message>
    <message>
        <source>Guidance follow-up</source>
        <translation>指导服务回访</translation>
    </message>
    <message>
        <source>Consultation logged</source>
        <translation>记录咨询</translation>
    </message>
    <message>
        <source>Knowledge base edited</source>
        <translation>编辑知识库</translation>
    </message>
    <message>
        <source>Clerk account created</source>
        <translation>新建经办人账号</translation>
    </message>
    <message>
        <source>Clerk account deactivated</source>
        <translation>停用经办人账号</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Failed sign-in</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>Screen locked</source>
        <translation>锁定屏幕</translation>
    </message>
    <message>
        <source>Backup made</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <source>Daily backup made</source>
        <translation>每日备份</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Backup folder changed</source>
        <translation>修改备份文件夹</translation>
    </message>
    <message>
        <source>Idle lock time changed</source>
        <translation>修改自动锁定时间</translation>
    </message>
    <message>
        <source>Audit trail exported</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <source>Recovery code shown</source>
        <translation>显示恢复码</translation>
    </message>
    <message>
        <source>Demo data filled in</source>
        <translation>填充演示数据</translation>
    </message>
    <message>
        <source>field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>layout</source>
        <translation>版式</translation>
    </message>
    <message>
        <source>how</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>copy</source>
        <translation>份次</translation>
    </message>
    <message>
        <source>files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>not written</source>
        <translation>未写入</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>条数</translation>
    </message>
    <message>
        <source>from</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>by</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>sync epoch</source>
        <translation>同步批次</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>from day</source>
        <translation>起始日</translation>
    </message>
    <message>
        <source>to day</source>
        <translation>截止日</translation>
    </message>
    <message>
        <source>actions</source>
        <translation>操作类别</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
</context>
<context>
    <name>custody</name>
    <message>
        <source>This file was transferred out; it is no longer held.</source>
        <translation>该档案已转出，不再由本市场保管。</translation>
    </message>
    <message>
        <source>This file is already lent out; it must be returned first.</source>
        <translation>该档案已借出，须先归还。</translation>
    </message>
    <message>
        <source>This file is not lent out, so it cannot be returned.</source>
        <translation>该档案未借出，无法归还。</translation>
    </message>
    <message>
        <source>This file is lent out; it must be returned before transfer.</source>
        <translation>该档案已借出，须归还后才能转出。</translation>
    </message>
    <message>
        <source>This file is already in custody.</source>
        <translation>该档案已在托管中。</translation>
    </message>
    <message>
        <source>Say to whom the file is lent.</source>
        <translation>请填写借阅人。</translation>
    </message>
    <message>
        <source>The due date cannot be in the past.</source>
        <translation>应还日期不能早于今天。</translation>
    </message>
    <message>
        <source>Say where the file is transferred to.</source>
        <translation>请填写档案转往何处。</translation>
    </message>
    <message>
        <source>Choose how the file is sent.</source>
        <translation>请选择转递方式。</translation>
    </message>
    <message>
        <source>Personnel file</source>
        <translation>人事档案</translation>
    </message>
    <message>
        <source>Shelf: {shelf}</source>
        <translation>存放位置：{shelf}</translation>
    </message>
    <message>
        <source>File labels</source>
        <translation>档案标签</translation>
    </message>
    <message>
        <source>Certificate of file custody</source>
        <translation>存档证明</translation>
    </message>
    <message>
        <source>This is to certify that the personnel file of {name} (ID number {id}) has been held in custody by {market} since {date}, under file number {number}.</source>
        <translation>兹证明 {name}（身份证号 {id}）的人事档案自 {date} 起由 {market} 托管，档案编号为 {number}。</translation>
    </message>
    <message>
        <source>This certificate is valid for the purpose stated by the holder.</source>
        <translation>本证明仅用于持证人所述用途。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>File number</source>
        <translation>档案编号</translation>
    </message>
    <message>
        <source>Held since</source>
        <translation>存档日期</translation>
    </message>
    <message>
        <source>Issued by: {market}</source>
        <translation>开具单位：{market}</translation>
    </message>
    <message>
        <source>Tel.: {phone}</source>
        <translation>电话：{phone}</translation>
    </message>
    <message>
        <source>Address: {address}</source>
        <translation>地址：{address}</translation>
    </message>
    <message>
        <source>Clerk: {clerk}</source>
        <translation>经办人：{clerk}</translation>
    </message>
    <message>
        <source>Date of issue: {date}</source>
        <translation>开具日期：{date}</translation>
    </message>
    <message>
        <source>Market seal</source>
        <translation>零工市场（盖章）</translation>
    </message>
    <message>
        <source>{year}-{month}-{day}</source>
        <translation>{year}年{month}月{day}日</translation>
    </message>
    <message>
        <source>This job seeker is not registered.</source>
        <translation>该求职人员未登记。</translation>
    </message>
    <message>
        <source>The market already holds {name}&apos;s file ({number}).</source>
        <translation>本市场已托管 {name} 的档案（{number}）。</translation>
    </message>
    <message>
        <source>Tick what the file contains.</source>
        <translation>请勾选档案所含材料。</translation>
    </message>
    <message>
        <source>No such file.</source>
        <translation>没有该档案。</translation>
    </message>
</context>
<context>
    <name>enums</name>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Men only</source>
        <translation>限男性</translation>
    </message>
    <message>
        <source>Women only</source>
        <translation>限女性</translation>
    </message>
    <message>
        <source>per hour</source>
        <translation>元/小时</translation>
    </message>
    <message>
        <source>per day</source>
        <translation>元/天</translation>
    </message>
    <message>
        <source>per month</source>
        <translation>元/月</translation>
    </message>
    <message>
        <source>per piece</source>
        <translation>元/件</translation>
    </message>
    <message>
        <source>Day work</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Short term</source>
        <translation>短期</translation>
    </message>
    <message>
        <source>Long term</source>
        <translation>长期</translation>
    </message>
    <message>
        <source>Part time</source>
        <translation>兼职</translation>
    </message>
    <message>
        <source>No schooling</source>
        <translation>未上学</translation>
    </message>
    <message>
        <source>Primary school</source>
        <translation>小学</translation>
    </message>
    <message>
        <source>Junior middle school</source>
        <translation>初中</translation>
    </message>
    <message>
        <source>Senior middle school</source>
        <translation>高中</translation>
    </message>
    <message>
        <source>Vocational school</source>
        <translation>中专（技校）</translation>
    </message>
    <message>
        <source>College</source>
        <translation>大专</translation>
    </message>
    <message>
        <source>Bachelor</source>
        <translation>本科</translation>
    </message>
    <message>
        <source>Postgraduate</source>
        <translation>研究生</translation>
    </message>
    <message>
        <source>Rural</source>
        <translation>农业户口</translation>
    </message>
    <message>
        <source>Urban</source>
        <translation>非农业户口</translation>
    </message>
    <message>
        <source>Rural labour moving to work</source>
        <translation>农村转移劳动力</translation>
    </message>
    <message>
        <source>Urban unemployed</source>
        <translation>城镇失业人员</translation>
    </message>
    <message>
        <source>College graduate</source>
        <translation>高校毕业生</translation>
    </message>
    <message>
        <source>Veteran</source>
        <translation>退役军人</translation>
    </message>
    <message>
        <source>Labour out of poverty</source>
        <translation>脱贫劳动力</translation>
    </message>
    <message>
        <source>Flexible worker</source>
        <translation>灵活就业人员</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Zero-employment family</source>
        <translation>零就业家庭成员</translation>
    </message>
    <message>
        <source>Minimum-living-allowance family</source>
        <translation>城乡低保家庭成员</translation>
    </message>
    <message>
        <source>Person with disability</source>
        <translation>残疾人</translation>
    </message>
    <message>
        <source>Older worker</source>
        <translation>大龄失业人员</translation>
    </message>
    <message>
        <source>Unemployed over a year</source>
        <translation>连续失业一年以上人员</translation>
    </message>
    <message>
        <source>Farmer who lost land</source>
        <translation>失地农民</translation>
    </message>
    <message>
        <source>Seeking work</source>
        <translation>求职中</translation>
    </message>
    <message>
        <source>Employed</source>
        <translation>已就业</translation>
    </message>
    <message>
        <source>Not seeking</source>
        <translation>暂不求职</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Self-employed business</source>
        <translation>个体工商户</translation>
    </message>
    <message>
        <source>Institution or organisation</source>
        <translation>机关事业单位/社会组织</translation>
    </message>
    <message>
        <source>Household or private person</source>
        <translation>家庭/个人雇主</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>招聘中</translation>
    </message>
    <message>
        <source>Filled</source>
        <translation>已招满</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>已开具</translation>
    </message>
    <message>
        <source>Preliminary intention</source>
        <translation>初步达成意向</translation>
    </message>
    <message>
        <source>Hired</source>
        <translation>最终达成就业</translation>
    </message>
    <message>
        <source>Not hired</source>
        <translation>未录用</translation>
    </message>
    <message>
        <source>No show</source>
        <translation>未到岗</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>In custody</source>
        <translation>在档</translation>
    </message>
    <message>
        <source>Lent out</source>
        <translation>已借出</translation>
    </message>
    <message>
        <source>Transferred out</source>
        <translation>已转出</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Lent</source>
        <translation>借出</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>归还</translation>
    </message>
    <message>
        <source>CV form</source>
        <translation>履历表</translation>
    </message>
    <message>
        <source>Education certificates</source>
        <translation>学历证明</translation>
    </message>
    <message>
        <source>Labour contract</source>
        <translation>劳动合同</translation>
    </message>
    <message>
        <source>Social insurance record</source>
        <translation>社保缴费记录</translation>
    </message>
    <message>
        <source>Professional title certificate</source>
        <translation>职称证书</translation>
    </message>
    <message>
        <source>Rewards and penalties</source>
        <translation>奖惩材料</translation>
    </message>
    <message>
        <source>Other papers</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>By post</source>
        <translation>邮寄</translation>
    </message>
    <message>
        <source>Collected in person</source>
        <translation>自取</translation>
    </message>
    <message>
        <source>Confidential mail</source>
        <translation>机要</translation>
    </message>
    <message>
        <source>Career guidance</source>
        <translation>职业指导</translation>
    </message>
    <message>
        <source>Entrepreneurship</source>
        <translation>创业指导</translation>
    </message>
    <message>
        <source>Skills-training referral</source>
        <translation>技能培训推荐</translation>
    </message>
    <message>
        <source>Policy and subsidy advice</source>
        <translation>政策及补贴咨询</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>现场</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Online or chat group</source>
        <translation>网络/微信群</translation>
    </message>
    <message>
        <source>Employment registration</source>
        <translation>就业创业登记</translation>
    </message>
    <message>
        <source>Personnel agency</source>
        <translation>人事代理</translation>
    </message>
    <message>
        <source>Job referral</source>
        <translation>职业介绍</translation>
    </message>
    <message>
        <source>Employment guidance</source>
        <translation>就业创业指导服务</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>信息咨询</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
</context>
<context>
    <name>history</name>
    <message>
        <source>Registration</source>
        <translation>就业创业登记</translation>
    </message>
    <message>
        <source>Personnel agency</source>
        <translation>人事代理</translation>
    </message>
    <message>
        <source>Job referral</source>
        <translation>职业介绍</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>就业创业指导</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>信息咨询</translation>
    </message>
    <message>
        <source>Registered as a job seeker</source>
        <translation>求职登记</translation>
    </message>
    <message>
        <source>Registration updated</source>
        <translation>更新登记信息</translation>
    </message>
    <message>
        <source>Referral: {status}</source>
        <translation>职业介绍：{status}</translation>
    </message>
    <message>
        <source>Personnel file received</source>
        <translation>接收人事档案</translation>
    </message>
    <message>
        <source>Personnel file: {kind}</source>
        <translation>人事档案：{kind}</translation>
    </message>
    <message>
        <source>Guidance: {kind}</source>
        <translation>就业创业指导：{kind}</translation>
    </message>
    <message>
        <source>Guidance followed up</source>
        <translation>指导服务已回访</translation>
    </message>
    <message>
        <source>Enquiry: {topic}</source>
        <translation>咨询：{topic}</translation>
    </message>
</context>
<context>
    <name>information</name>
    <message>
        <source>Job vacancies</source>
        <translation>岗位信息</translation>
    </message>
    <message>
        <source>Job seeker registration</source>
        <translation>求职登记</translation>
    </message>
    <message>
        <source>Social insurance subsidy</source>
        <translation>社会保险补贴</translation>
    </message>
    <message>
        <source>Hardship certification</source>
        <translation>就业困难人员认定</translation>
    </message>
    <message>
        <source>Personnel files</source>
        <translation>人事档案</translation>
    </message>
    <message>
        <source>Skills training</source>
        <translation>技能培训</translation>
    </message>
    <message>
        <source>Wages and disputes</source>
        <translation>工资与劳动争议</translation>
    </message>
</context>
<context>
    <name>job_board</name>
    <message>
        <source>Jobs on offer</source>
        <translation>招聘岗位</translation>
    </message>
    <message>
        <source>Apply at the market or call {phone}</source>
        <translation>请到本市场报名或致电 {phone}</translation>
    </message>
    <message>
        <source>Address: {address}</source>
        <translation>地址：{address}</translation>
    </message>
    <message>
        <source>As of {date}  ·  page {page} of {pages}</source>
        <translation>截至 {date}  ·  第 {page} 页，共 {pages} 页</translation>
    </message>
    <message>
        <source>{n} wanted</source>
        <translation>招 {n} 人</translation>
    </message>
    <message>
        <source>Place: {place}</source>
        <translation>地点：{place}</translation>
    </message>
    <message>
        <source>Pay: {pay}</source>
        <translation>薪酬：{pay}</translation>
    </message>
    <message>
        <source>Pay: to be agreed</source>
        <translation>薪酬：面议</translation>
    </message>
    <message>
        <source>meals</source>
        <translation>包吃</translation>
    </message>
    <message>
        <source>lodging</source>
        <translation>包住</translation>
    </message>
    <message>
        <source>No open postings at present. Ask at the counter.</source>
        <translation>目前暂无招聘中的岗位，请到窗口咨询。</translation>
    </message>
    <message>
        <source>All services of the market are free of charge.</source>
        <translation>本市场所有服务均免费。</translation>
    </message>
</context>
<context>
    <name>matching</name>
    <message>
        <source>Wants exactly this job type</source>
        <translation>求职工种完全一致</translation>
    </message>
    <message>
        <source>Wants a job type of the same group</source>
        <translation>求职工种同属一类</translation>
    </message>
    <message>
        <source>Wants other job types</source>
        <translation>求职工种不一致</translation>
    </message>
    <message>
        <source>No job type wanted is recorded</source>
        <translation>未登记求职工种</translation>
    </message>
    <message>
        <source>Any form of work suits</source>
        <translation>用工形式不限</translation>
    </message>
    <message>
        <source>Wants this form of work: {form}</source>
        <translation>用工形式一致：{form}</translation>
    </message>
    <message>
        <source>Wants {wanted}; {offered} is close</source>
        <translation>期望{wanted}，岗位为{offered}，较接近</translation>
    </message>
    <message>
        <source>Wants {wanted}, not {offered}</source>
        <translation>期望{wanted}，岗位为{offered}，不一致</translation>
    </message>
    <message>
        <source>Offers up to {offer} {unit}; meets the expected {expected} {unit}</source>
        <translation>岗位薪酬最高 {offer} {unit}，达到期望的 {expected} {unit}</translation>
    </message>
    <message>
        <source>Offers up to {offer} {unit}; meets the expected {original} {original_unit} (about {expected} {unit})</source>
        <translation>岗位薪酬最高 {offer} {unit}，达到期望的 {original} {original_unit}（约合 {expected} {unit}）</translation>
    </message>
    <message>
        <source>Offers up to {offer} {unit}; a little below the expected {expected} {unit}</source>
        <translation>岗位薪酬最高 {offer} {unit}，略低于期望的 {expected} {unit}</translation>
    </message>
    <message>
        <source>Offers up to {offer} {unit}; a little below the expected {original} {original_unit} (about {expected} {unit})</source>
        <translation>岗位薪酬最高 {offer} {unit}，略低于期望的 {original} {original_unit}（约合 {expected} {unit}）</translation>
    </message>
    <message>
        <source>Offers up to {offer} {unit}; below the expected {expected} {unit}</source>
        <translation>岗位薪酬最高 {offer} {unit}，低于期望的 {expected} {unit}</translation>
    </message>
    <message>
        <source>Offers up to {offer} {unit}; below the expected {original} {original_unit} (about {expected} {unit})</source>
        <translation>岗位薪酬最高 {offer} {unit}，低于期望的 {original} {original_unit}（约合 {expected} {unit}）</translation>
    </message>
    <message>
        <source>Pay not compared: expects pay {original_unit}, the job pays {unit}</source>
        <translation>未比较薪酬：期望薪酬按 {original_unit} 计，岗位按 {unit} 计</translation>
    </message>
    <message>
        <source>No expected pay is recorded</source>
        <translation>未登记期望薪酬</translation>
    </message>
    <message>
        <source>The job states no pay</source>
        <translation>岗位未标明薪酬</translation>
    </message>
    <message>
        <source>Lives in the county of the work</source>
        <translation>居住在工作所在区县</translation>
    </message>
    <message>
        <source>Not known whether the work is nearby</source>
        <translation>无法判断工作地点远近</translation>
    </message>
    <message>
        <source>Lives in another county</source>
        <translation>居住在其他区县</translation>
    </message>
    <message>
        <source>Available now</source>
        <translation>可立即到岗</translation>
    </message>
    <message>
        <source>Available by the start on {date}</source>
        <translation>可在开工日期 {date} 前到岗</translation>
    </message>
    <message>
        <source>Available from {date}, {days} days after the start</source>
        <translation>{date} 起可到岗，比开工日期晚 {days} 天</translation>
    </message>
    <message>
        <source>No particular skills are asked</source>
        <translation>无特别技能要求</translation>
    </message>
    <message>
        <source>Skills or certificates match: {words}</source>
        <translation>技能或证书符合：{words}</translation>
    </message>
    <message>
        <source>Skills and certificates do not mention: {asked}</source>
        <translation>技能和证书中未见：{asked}</translation>
    </message>
    <message>
        <source>Active in the last 30 days ({date})</source>
        <translation>近 30 天内活跃（{date}）</translation>
    </message>
    <message>
        <source>Active in the last 90 days ({date})</source>
        <translation>近 90 天内活跃（{date}）</translation>
    </message>
    <message>
        <source>Active in the last year ({date})</source>
        <translation>近一年内活跃（{date}）</translation>
    </message>
    <message>
        <source>Not active for over a year (last {date})</source>
        <translation>超过一年未活跃（最近 {date}）</translation>
    </message>
    <message>
        <source>Is seeking work</source>
        <translation>正在求职</translation>
    </message>
    <message>
        <source>Is not seeking work now ({status})</source>
        <translation>目前不在求职（{status}）</translation>
    </message>
    <message>
        <source>The job is open: {count} places left</source>
        <translation>岗位招聘中，尚缺 {count} 人</translation>
    </message>
    <message>
        <source>The job is not open ({status})</source>
        <translation>岗位不在招聘中（{status}）</translation>
    </message>
    <message>
        <source>The job ended on {date}</source>
        <translation>岗位已于 {date} 结束</translation>
    </message>
    <message>
        <source>The job has no places left</source>
        <translation>岗位已无空缺</translation>
    </message>
    <message>
        <source>No age requirement</source>
        <translation>无年龄要求</translation>
    </message>
    <message>
        <source>Age {age} meets the requirement ({range})</source>
        <translation>年龄 {age} 岁，符合要求（{range}）</translation>
    </message>
    <message>
        <source>Age {age} is outside the requirement ({range})</source>
        <translation>年龄 {age} 岁，不符合要求（{range}）</translation>
    </message>
    <message>
        <source>Men and women alike</source>
        <translation>男女不限</translation>
    </message>
    <message>
        <source>Meets the requirement: {required}</source>
        <translation>符合性别要求：{required}</translation>
    </message>
    <message>
        <source>Does not meet the requirement: {required}</source>
        <translation>不符合性别要求：{required}</translation>
    </message>
    <message>
        <source>Not referred to this job yet</source>
        <translation>此前未介绍到该岗位</translation>
    </message>
    <message>
        <source>Already referred to this job</source>
        <translation>已介绍过该岗位</translation>
    </message>
</context>
<context>
    <name>referral</name>
    <message>
        <source>This referral is already closed ({status}).</source>
        <translation>该介绍信已办结（{status}）。</translation>
    </message>
    <message>
        <source>This referral expired on its validity date; it can only be voided.</source>
        <translation>该介绍信已过有效期，只能作废。</translation>
    </message>
    <message>
        <source>A referral cannot go from {current} to {target}.</source>
        <translation>介绍信不能从“{current}”改为“{target}”。</translation>
    </message>
    <message>
        <source>This job seeker is not registered.</source>
        <translation>该求职人员未登记。</translation>
    </message>
    <message>
        <source>This posting does not exist.</source>
        <translation>该岗位不存在。</translation>
    </message>
    <message>
        <source>{name} is not seeking work at present.</source>
        <translation>{name} 目前不在求职。</translation>
    </message>
    <message>
        <source>The posting {title} is no longer open.</source>
        <translation>岗位“{title}”已停止招聘。</translation>
    </message>
    <message>
        <source>The posting {title} ended on {date}.</source>
        <translation>岗位“{title}”已于 {date} 结束。</translation>
    </message>
    <message>
        <source>{name} was already referred to this posting ({number}).</source>
        <translation>{name} 已被介绍到该岗位（{number}）。</translation>
    </message>
    <message>
        <source>No such referral.</source>
        <translation>未找到该介绍信。</translation>
    </message>
    <message>
        <source>Give the reason.</source>
        <translation>请填写原因。</translation>
    </message>
</context>
<context>
    <name>slip</name>
    <message>
        <source>Referral letter</source>
        <translation>介绍信</translation>
    </message>
    <message>
        <source>Return slip</source>
        <translation>回执</translation>
    </message>
    <message>
        <source>To be filled in by the employer and returned to the market</source>
        <translation>由用人单位填写后交回零工市场</translation>
    </message>
    <message>
        <source>Stub</source>
        <translation>存根</translation>
    </message>
    <message>
        <source>Kept by the market</source>
        <translation>零工市场留存</translation>
    </message>
    <message>
        <source>REPRINT (copy {n})</source>
        <translation>补打（第{n}份）</translation>
    </message>
    <message>
        <source>To: {employer}</source>
        <translation>致：{employer}</translation>
    </message>
    <message>
        <source>This letter introduces {worker}, a job seeker registered with our market, for the job below. Please receive the bearer. After the interview, please fill in the return slip below and send it back to the market.</source>
        <translation>兹介绍在本市场登记求职的{worker}前往贵单位应聘下列岗位，请予接洽。面试后，请填写下方回执并交回本市场。</translation>
    </message>
    <message>
        <source>We refer the bearer, {worker}, to you for the job below. Please receive them.</source>
        <translation>兹介绍{worker}前往贵单位应聘下列岗位，请予接洽。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>{age} years</source>
        <translation>{age}岁</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业（工种）</translation>
    </message>
    <message>
        <source>Work address</source>
        <translation>工作地点</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>薪酬</translation>
    </message>
    <message>
        <source>Work form</source>
        <translation>用工形式</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Employer address</source>
        <translation>单位地址</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Issued by: {market}</source>
        <translation>开具单位：{market}</translation>
    </message>
    <message>
        <source>Tel.: {phone}</source>
        <translation>电话：{phone}</translation>
    </message>
    <message>
        <source>Address: {address}</source>
        <translation>地址：{address}</translation>
    </message>
    <message>
        <source>Clerk: {clerk}</source>
        <translation>经办人：{clerk}</translation>
    </message>
    <message>
        <source>Date of issue: {date}</source>
        <translation>开具日期：{date}</translation>
    </message>
    <message>
        <source>Market seal</source>
        <translation>零工市场（盖章）</translation>
    </message>
    <message>
        <source>{year}-{month}-{day}</source>
        <translation>{year}年{month}月{day}日</translation>
    </message>
    <message>
        <source>Cut here</source>
        <translation>沿此线剪开</translation>
    </message>
    <message>
        <source>Referral no.</source>
        <translation>介绍信编号</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>求职人员</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>用人单位</translation>
    </message>
    <message>
        <source>Result of the referral (tick one):</source>
        <translation>推荐结果（请在一项前打“√”）：</translation>
    </message>
    <message>
        <source>Hired</source>
        <translation>录用</translation>
    </message>
    <message>
        <source>Start date:</source>
        <translation>到岗日期：</translation>
    </message>
    <message>
        <source>Not hired</source>
        <translation>未录用</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Did not come (no show)</source>
        <translation>未到岗</translation>
    </message>
    <message>
        <source>Employer&apos;s signature or seal:</source>
        <translation>用人单位签字（盖章）：</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Please return this slip to {market}, tel. {phone}, address: {address}.</source>
        <translation>请将本回执交回{market}（电话：{phone}，地址：{address}）。</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>开具日期</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>开工日期</translation>
    </message>
    <message>
        <source>as agreed with the employer</source>
        <translation>与用人单位商定</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>用工期限</translation>
    </message>
    <message>
        <source>{first} to {last}</source>
        <translation>{first} 至 {last}</translation>
    </message>
    <message>
        <source>from {first}, open-ended</source>
        <translation>自 {first} 起，不定期</translation>
    </message>
    <message>
        <source>until {last}</source>
        <translation>至 {last}</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>工作时间</translation>
    </message>
    <message>
        <source>Meals, lodging</source>
        <translation>食宿</translation>
    </message>
    <message>
        <source>meals and lodging provided</source>
        <translation>提供餐食和住宿</translation>
    </message>
    <message>
        <source>meals provided, no lodging</source>
        <translation>提供餐食，不提供住宿</translation>
    </message>
    <message>
        <source>lodging provided, no meals</source>
        <translation>提供住宿，不提供餐食</translation>
    </message>
    <message>
        <source>no meals, no lodging</source>
        <translation>不提供食宿</translation>
    </message>
    <message>
        <source>{always}, and also {more}</source>
        <translation>{always}；另带{more}</translation>
    </message>
    <message>
        <source>Bring</source>
        <translation>需携带</translation>
    </message>
    <message>
        <source>this letter and your ID card</source>
        <translation>本介绍信、身份证</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Openings</source>
        <translation>招用人数</translation>
    </message>
    <message>
        <source>{n} people</source>
        <translation>{n}人</translation>
    </message>
</context>
<context>
    <name>stats</name>
    <message>
        <source>Occupation group</source>
        <translation>职业小类</translation>
    </message>
    <message>
        <source>Job type</source>
        <translation>工种</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Age band</source>
        <translation>年龄段</translation>
    </message>
    <message>
        <source>Person category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Township of residence</source>
        <translation>居住乡镇</translation>
    </message>
    <message>
        <source>Work form</source>
        <translation>用工形式</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Job seekers registered</source>
        <translation>求职登记人数</translation>
    </message>
    <message>
        <source>Job seekers this market registered in the period, each person once; a person registered at two markets counts at both.</source>
        <translation>本期在本市场办理求职登记的人数，每人计一次；在两个市场登记的人在两个市场各计一次。</translation>
    </message>
    <message>
        <source>Seeking work at the end</source>
        <translation>期末在册求职人数</translation>
    </message>
    <message>
        <source>Job seekers registered here by the end of the period whose status then, as this market recorded it, was seeking work.</source>
        <translation>期末前在本市场登记、按本市场记录期末时状态为求职中的人数。</translation>
    </message>
    <message>
        <source>Employers registered</source>
        <translation>用工单位登记数</translation>
    </message>
    <message>
        <source>Employers this market registered in the period.</source>
        <translation>本期在本市场登记的用工单位数。</translation>
    </message>
    <message>
        <source>Postings published</source>
        <translation>发布用工信息条数</translation>
    </message>
    <message>
        <source>Labour-demand postings this market published in the period.</source>
        <translation>本期本市场发布的用工信息条数。</translation>
    </message>
    <message>
        <source>Jobs offered</source>
        <translation>提供岗位数</translation>
    </message>
    <message>
        <source>Places offered by the postings published in the period (their headcounts added up).</source>
        <translation>本期发布的用工信息提供的岗位数（招用人数之和）。</translation>
    </message>
    <message>
        <source>Postings open at the end</source>
        <translation>期末在招用工信息数</translation>
    </message>
    <message>
        <source>Postings of this market published by the end of the period, not past their end date and still open then (open now, or closed or filled only later).</source>
        <translation>期末前发布、期末未过截止日期且仍在招的本市场用工信息（现仍在招，或期末后才关闭或招满）。</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>职业介绍人次</translation>
    </message>
    <message>
        <source>Referral slips issued in the period, in person-times; a slip voided as issued by mistake does not count.</source>
        <translation>本期开具的介绍信人次；因开错而作废的不计。</translation>
    </message>
    <message>
        <source>Preliminary intentions</source>
        <translation>初步达成意向人次</translation>
    </message>
    <message>
        <source>Referrals that reached a preliminary intention in the period; a hire recorded straight away counts here too.</source>
        <translation>本期达成初步意向的介绍人次；直接登记录用的也计入。</translation>
    </message>
    <message>
        <source>Hired</source>
        <translation>最终达成就业人次</translation>
    </message>
    <message>
        <source>Referrals that ended in a hire in the period, counted on the day the hire was recorded, also on another market&apos;s posting.</source>
        <translation>本期以录用结束的介绍人次，按登记录用之日计，含介绍到其他市场岗位的。</translation>
    </message>
    <message>
        <source>Not hired</source>
        <translation>未录用人次</translation>
    </message>
    <message>
        <source>Referrals recorded as not hired in the period.</source>
        <translation>本期登记为未录用的介绍人次。</translation>
    </message>
    <message>
        <source>No shows</source>
        <translation>未前往人次</translation>
    </message>
    <message>
        <source>Referrals whose worker never went to the employer, recorded in the period.</source>
        <translation>本期登记为求职者未前往用人单位的介绍人次。</translation>
    </message>
    <message>
        <source>Hire rate</source>
        <translation>介绍成功率</translation>
    </message>
    <message>
        <source>Hires in the period divided by the referrals issued in the period.</source>
        <translation>本期最终达成就业人次除以本期职业介绍人次。</translation>
    </message>
    <message>
        <source>Day-work hires</source>
        <translation>日结零工就业人次</translation>
    </message>
    <message>
        <source>Hires in the period into day-work (paid daily) postings.</source>
        <translation>本期介绍到日结岗位并录用的人次。</translation>
    </message>
    <message>
        <source>Hires of people in hardship</source>
        <translation>就业困难人员就业人次</translation>
    </message>
    <message>
        <source>Hires in the period of job seekers in a hardship category (就业困难人员).</source>
        <translation>本期录用的属于就业困难人员类别的求职者人次。</translation>
    </message>
    <message>
        <source>Hires of older workers</source>
        <translation>大龄人员就业人次</translation>
    </message>
    <message>
        <source>Hires in the period of women aged 40 or more and men aged 50 or more on the day of the hire.</source>
        <translation>本期录用时女性年满40岁、男性年满50岁的就业人次。</translation>
    </message>
    <message>
        <source>Files received</source>
        <translation>接收档案数</translation>
    </message>
    <message>
        <source>Personnel files taken into custody in the period.</source>
        <translation>本期接收托管的人事档案数。</translation>
    </message>
    <message>
        <source>Files in custody at the end</source>
        <translation>期末在管档案数</translation>
    </message>
    <message>
        <source>Personnel files held at the end of the period, lent ones included, not transferred out by then.</source>
        <translation>期末仍由本市场托管的档案数（含借出的），期末前转出的不计。</translation>
    </message>
    <message>
        <source>Files overdue at the end</source>
        <translation>期末借阅逾期档案数</translation>
    </message>
    <message>
        <source>Files lent out and not returned at the end of the period, due back on or before its last day.</source>
        <translation>期末已借出未归还、归还日期不晚于期末的档案数。</translation>
    </message>
    <message>
        <source>Guidance sessions</source>
        <translation>就业创业指导人次</translation>
    </message>
    <message>
        <source>Employment and entrepreneurship guidance sessions recorded in the period.</source>
        <translation>本期登记的就业创业指导服务人次。</translation>
    </message>
    <message>
        <source>Skills-training referrals</source>
        <translation>技能培训推荐人次</translation>
    </message>
    <message>
        <source>Guidance sessions in the period that referred the person to skills training.</source>
        <translation>本期指导服务中推荐参加技能培训的人次。</translation>
    </message>
    <message>
        <source>Follow-ups done</source>
        <translation>完成回访次数</translation>
    </message>
    <message>
        <source>Guidance follow-ups marked done in the period.</source>
        <translation>本期完成的指导服务回访次数。</translation>
    </message>
    <message>
        <source>Consultations</source>
        <translation>咨询服务人次</translation>
    </message>
    <message>
        <source>Walk-in, phone and online enquiries logged in the period.</source>
        <translation>本期登记的现场、电话和网络咨询人次。</translation>
    </message>
    <message>
        <source>Registration and labour demand</source>
        <translation>就业登记与用工需求</translation>
    </message>
    <message>
        <source>Job referral</source>
        <translation>职业介绍</translation>
    </message>
    <message>
        <source>Personnel agency</source>
        <translation>人事代理</translation>
    </message>
    <message>
        <source>Guidance and information</source>
        <translation>指导服务与信息咨询</translation>
    </message>
    <message>
        <source>Job seekers</source>
        <translation>求职人员</translation>
    </message>
    <message>
        <source>Employers</source>
        <translation>用工单位</translation>
    </message>
    <message>
        <source>Postings</source>
        <translation>用工信息</translation>
    </message>
    <message>
        <source>Personnel files</source>
        <translation>人事档案</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Job types wanted</source>
        <translation>求职工种</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Registered on</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>用工单位</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Credit code or ID number</source>
        <translation>统一社会信用代码或身份证号</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Headcount</source>
        <translation>招用人数</translation>
    </message>
    <message>
        <source>Filled</source>
        <translation>已招人数</translation>
    </message>
    <message>
        <source>Published on</source>
        <translation>发布日期</translation>
    </message>
    <message>
        <source>Referral number</source>
        <translation>介绍信编号</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>开具日期</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>办结日期</translation>
    </message>
    <message>
        <source>File number</source>
        <translation>档案编号</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>接收日期</translation>
    </message>
    <message>
        <source>Received from</source>
        <translation>档案来源</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Follow up on</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <source>Followed up on</source>
        <translation>已回访日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>咨询人</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Only a supervisor may export full ID numbers and phones.</source>
        <translation>只有主管可以导出完整的身份证号和手机号。</translation>
    </message>
    <message>
        <source>Give the reason for exporting full ID numbers and phones.</source>
        <translation>请填写导出完整身份证号和手机号的理由。</translation>
    </message>
    <message>
        <source>Not stated</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>Clerk of another desk</source>
        <translation>其他服务台经办人</translation>
    </message>
    <message>
        <source>Whole market</source>
        <translation>全市场</translation>
    </message>
    <message>
        <source>Work of {name}</source>
        <translation>{name}经办</translation>
    </message>
    <message>
        <source>16 to 29</source>
        <translation>16–29岁</translation>
    </message>
    <message>
        <source>30 to 39</source>
        <translation>30–39岁</translation>
    </message>
    <message>
        <source>40 to 49</source>
        <translation>40–49岁</translation>
    </message>
    <message>
        <source>50 to 59</source>
        <translation>50–59岁</translation>
    </message>
    <message>
        <source>60 and older</source>
        <translation>60岁及以上</translation>
    </message>
    <message>
        <source>{month}/{day}/{year}</source>
        <translation>{year}年{month}月{day}日</translation>
    </message>
    <message>
        <source>Week {week} of {year} ({first} to {last})</source>
        <translation>{year}年第{week}周（{first}至{last}）</translation>
    </message>
    <message>
        <source>{month}/{year}</source>
        <translation>{year}年{month}月</translation>
    </message>
    <message>
        <source>Quarter {quarter} of {year}</source>
        <translation>{year}年第{quarter}季度</translation>
    </message>
    <message>
        <source>Year {year}</source>
        <translation>{year}年</translation>
    </message>
    <message>
        <source>{first} to {last}</source>
        <translation>{first}至{last}</translation>
    </message>
    <message>
        <source>Top job types</source>
        <translation>热门工种</translation>
    </message>
    <message>
        <source>scheduled report</source>
        <translation>定时生成</translation>
    </message>
</context>
<context>
    <name>stats_report</name>
    <message>
        <source>Referral funnel</source>
        <translation>职业介绍漏斗</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>近12个月走势</translation>
    </message>
    <message>
        <source>Top job types</source>
        <translation>热门工种</translation>
    </message>
    <message>
        <source>{market} monthly report</source>
        <translation>{market}月度统计报表</translation>
    </message>
    <message>
        <source>{market} statistics report</source>
        <translation>{market}统计报表</translation>
    </message>
    <message>
        <source>Period: {period} ({first} to {last})</source>
        <translation>统计期：{period}（{first}至{last}）</translation>
    </message>
    <message>
        <source>Scope: {scope}</source>
        <translation>统计范围：{scope}</translation>
    </message>
    <message>
        <source>Compared with the previous period ({previous}) and the same period a year before ({year}).</source>
        <translation>对比上期（{previous}）和去年同期（{year}）。</translation>
    </message>
    <message>
        <source>Headline figures</source>
        <translation>主要指标</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>本期</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>上期</translation>
    </message>
    <message>
        <source>A year before</source>
        <translation>去年同期</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>增减</translation>
    </message>
    <message>
        <source>pt</source>
        <translation>个百分点</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Funnel and trend</source>
        <translation>介绍漏斗与走势</translation>
    </message>
    <message>
        <source>Breakdowns</source>
        <translation>分类统计</translation>
    </message>
    <message>
        <source>By {dimension}</source>
        <translation>按{dimension}统计</translation>
    </message>
    <message>
        <source>Nothing was recorded in this period.</source>
        <translation>本期无记录。</translation>
    </message>
    <message>
        <source>Prepared by: {clerk}      Checked by: ____________      Date: {date}</source>
        <translation>制表人：{clerk}      审核人：____________      制表日期：{date}</translation>
    </message>
    <message>
        <source>What each indicator counts</source>
        <translation>指标说明</translation>
    </message>
    <message>
        <source>{market} · {period} · prepared by {clerk} on {date} · page {page} of {pages}</source>
        <translation>{market} · {period} · 制表人：{clerk} · 制表日期：{date} · 第{page}页 共{pages}页</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>指标代码</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>指标说明</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>走势</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
</context>
<context>
    <name>validation</name>
    <message>
        <source>Enter the ID number.</source>
        <translation>请输入身份证号。</translation>
    </message>
    <message>
        <source>An ID number has 18 characters; this one has {count}.</source>
        <translation>身份证号应为 18 位，当前为 {count} 位。</translation>
    </message>
    <message>
        <source>An ID number is 17 digits followed by a digit or X.</source>
        <translation>身份证号应为 17 位数字加 1 位数字或 X。</translation>
    </message>
    <message>
        <source>The check digit does not match: please check the number.</source>
        <translation>校验码不符，请核对身份证号。</translation>
    </message>
    <message>
        <source>The birth date inside the ID number is not a real date.</source>
        <translation>身份证号中的出生日期无效。</translation>
    </message>
    <message>
        <source>The region code {code} of the ID number is unknown.</source>
        <translation>身份证号中的地区代码 {code} 无法识别。</translation>
    </message>
    <message>
        <source>Enter the unified social credit code.</source>
        <translation>请输入统一社会信用代码。</translation>
    </message>
    <message>
        <source>A credit code has 18 characters; this one has {count}.</source>
        <translation>统一社会信用代码应为 18 位，当前为 {count} 位。</translation>
    </message>
    <message>
        <source>The credit code&apos;s check character does not match.</source>
        <translation>校验码不符，请核对统一社会信用代码。</translation>
    </message>
    <message>
        <source>This is not a valid unified social credit code.</source>
        <translation>统一社会信用代码格式不正确。</translation>
    </message>
    <message>
        <source>Enter the mobile number.</source>
        <translation>请输入手机号。</translation>
    </message>
    <message>
        <source>A mobile number has digits only.</source>
        <translation>手机号只能包含数字。</translation>
    </message>
    <message>
        <source>A mobile number has 11 digits; this one has {count}.</source>
        <translation>手机号应为 11 位，当前为 {count} 位。</translation>
    </message>
    <message>
        <source>A mobile number starts with 13 to 19.</source>
        <translation>手机号应以 13 至 19 开头。</translation>
    </message>
    <message>
        <source>Choose how the pay is counted.</source>
        <translation>请选择计薪方式。</translation>
    </message>
    <message>
        <source>Pay {unit} must be between {low} and {high} yuan.</source>
        <translation>薪酬应在 {low} 至 {high} {unit}之间。</translation>
    </message>
    <message>
        <source>The highest pay is below the lowest.</source>
        <translation>最高薪酬低于最低薪酬。</translation>
    </message>
    <message>
        <source>{chars} cannot be printed: the printer&apos;s font has no such character.</source>
        <translation>{chars}无法打印（字体中没有），请删去或改写。</translation>
    </message>
    <message>
        <source>A name holds Chinese characters and the name dot · only; {chars} cannot be used.</source>
        <translation>姓名只能用汉字和“·”，不能用{chars}。</translation>
    </message>
    <message>
        <source>The person is {age}; job seekers must be at least 16.</source>
        <translation>该人员 {age} 岁，求职人员须年满 16 周岁。</translation>
    </message>
    <message>
        <source>Enter the name.</source>
        <translation>请输入姓名。</translation>
    </message>
    <message>
        <source>The name is too long.</source>
        <translation>姓名过长。</translation>
    </message>
    <message>
        <source>Choose a work form.</source>
        <translation>请选择用工形式。</translation>
    </message>
    <message>
        <source>Choose the kind of employer.</source>
        <translation>请选择单位类型。</translation>
    </message>
    <message>
        <source>Enter the employer&apos;s name.</source>
        <translation>请输入用工单位名称。</translation>
    </message>
    <message>
        <source>Enter the contact person.</source>
        <translation>请输入联系人。</translation>
    </message>
    <message>
        <source>Choose the employer.</source>
        <translation>请选择用工单位。</translation>
    </message>
    <message>
        <source>Enter the job title.</source>
        <translation>请输入岗位名称。</translation>
    </message>
    <message>
        <source>Choose the job type.</source>
        <translation>请选择工种。</translation>
    </message>
    <message>
        <source>Headcount must be between 1 and {max}.</source>
        <translation>招聘人数应在 1 至 {max} 人之间。</translation>
    </message>
    <message>
        <source>Enter the pay.</source>
        <translation>请输入薪酬。</translation>
    </message>
    <message>
        <source>Enter where the work is.</source>
        <translation>请输入工作地点。</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>The end date has already passed.</source>
        <translation>结束日期已过。</translation>
    </message>
    <message>
        <source>Age must be between 16 and 80.</source>
        <translation>年龄应在 16 至 80 岁之间。</translation>
    </message>
    <message>
        <source>The highest age is below the lowest.</source>
        <translation>年龄上限低于下限。</translation>
    </message>
    <message>
        <source>Choose who may apply.</source>
        <translation>请选择性别要求。</translation>
    </message>
    <message>
        <source>At most {max} characters.</source>
        <translation>最多 {max} 个字。</translation>
    </message>
    <message>
        <source>The market code is 2 to 6 capital letters, e.g. ZY.</source>
        <translation>市场代码应为 2–6 位大写字母，如 ZY。</translation>
    </message>
    <message>
        <source>Enter the market&apos;s name.</source>
        <translation>请输入市场名称。</translation>
    </message>
    <message>
        <source>A region code has 6 digits.</source>
        <translation>行政区划代码应为 6 位数字。</translation>
    </message>
    <message>
        <source>Enter the clerk&apos;s name.</source>
        <translation>请输入操作员姓名。</translation>
    </message>
    <message>
        <source>A password has at least 6 characters.</source>
        <translation>密码至少 6 位。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Only a supervisor can add clerks.</source>
        <translation>只有主管可以添加操作员。</translation>
    </message>
    <message>
        <source>Choose a role.</source>
        <translation>请选择角色。</translation>
    </message>
    <message>
        <source>A clerk with this name exists.</source>
        <translation>已有同名操作员。</translation>
    </message>
    <message>
        <source>Only a supervisor can change clerk accounts.</source>
        <translation>只有主管可以修改经办人账号。</translation>
    </message>
    <message>
        <source>You cannot deactivate your own account.</source>
        <translation>不能停用自己的账号。</translation>
    </message>
    <message>
        <source>Unknown clerk or wrong password.</source>
        <translation>操作员不存在或密码错误。</translation>
    </message>
    <message>
        <source>Only a supervisor can change the settings.</source>
        <translation>只有主管可以修改设置。</translation>
    </message>
    <message>
        <source>Between {low} and {high} minutes.</source>
        <translation>请填写 {low} 到 {high} 分钟。</translation>
    </message>
    <message>
        <source>Another employer is registered with this number: {name}.</source>
        <translation>该号码已被其他用工单位登记：{name}。</translation>
    </message>
    <message>
        <source>This employer is suspended and cannot post jobs.</source>
        <translation>该用工单位已暂停，不能发布用工信息。</translation>
    </message>
    <message>
        <source>{filled} people are already hired; headcount cannot be lower.</source>
        <translation>已录用 {filled} 人，招聘人数不能少于此数。</translation>
    </message>
    <message>
        <source>Choose the registered person being advised.</source>
        <translation>请选择接受指导的已登记人员。</translation>
    </message>
    <message>
        <source>Choose the kind of guidance.</source>
        <translation>请选择指导类型。</translation>
    </message>
    <message>
        <source>Write what was discussed or recommended.</source>
        <translation>请填写交流内容或建议。</translation>
    </message>
    <message>
        <source>The follow-up date cannot be in the past (today is {today}).</source>
        <translation>回访日期不能早于今天（今天是 {today}）。</translation>
    </message>
    <message>
        <source>No such session.</source>
        <translation>没有该服务记录。</translation>
    </message>
    <message>
        <source>Only a supervisor can read the audit trail.</source>
        <translation>只有主管可以查看审计记录。</translation>
    </message>
    <message>
        <source>Only a supervisor can restore a backup.</source>
        <translation>只有主管可以恢复备份。</translation>
    </message>
    <message>
        <source>Only a supervisor can do this.</source>
        <translation>只有主管可以进行此操作。</translation>
    </message>
    <message>
        <source>Only a supervisor can edit the knowledge base.</source>
        <translation>只有主管可以编辑知识库。</translation>
    </message>
    <message>
        <source>Give the reason.</source>
        <translation>请填写原因。</translation>
    </message>
    <message>
        <source>No such person.</source>
        <translation>查无此人。</translation>
    </message>
    <message>
        <source>Only a supervisor can void a referral.</source>
        <translation>只有主管可以作废介绍信。</translation>
    </message>
</context>
</TS>
