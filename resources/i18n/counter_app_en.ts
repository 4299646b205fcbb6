<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ActionButtons</name>
    <message>
        <location filename="../../counter_app/gui/intake/buttons.py" line="22"/>
        <source>Lưu &amp;&amp; In (Ctrl+Enter)</source>
        <translation>Save &amp;&amp; Print (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/buttons.py" line="23"/>
        <source>Lưu hồ sơ, cấp mã và in Giấy tiếp nhận (Ctrl+Enter)</source>
        <translation>Save the dossier, issue its code and print the receipt (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/buttons.py" line="28"/>
        <source>Yêu cầu bổ s&amp;ung (Mẫu 02)</source>
        <translation>Re&amp;quest supplement (Form 02)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/buttons.py" line="29"/>
        <source>Ghi nhận hồ sơ và yêu cầu bổ sung giấy tờ còn thiếu (Alt+U)</source>
        <translation>Record the dossier and request the missing documents (Alt+Q)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/buttons.py" line="32"/>
        <source>Từ chối (Mẫu 0&amp;3)</source>
        <translation>Refuse (Form 0&amp;3)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/buttons.py" line="32"/>
        <source>Từ chối tiếp nhận, in phiếu Mẫu 03 (Alt+3)</source>
        <translation>Refuse the dossier and print Form 03 (Alt+3)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/buttons.py" line="35"/>
        <source>Nhập mới (Ctrl+N)</source>
        <translation>New (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/buttons.py" line="35"/>
        <source>Xóa biểu mẫu để nhập hồ sơ khác (Ctrl+N)</source>
        <translation>Clear the form to enter another dossier (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/buttons.py" line="38"/>
        <source>Hoàn tác (Ctrl+Shift+N)</source>
        <translation>Undo (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/buttons.py" line="38"/>
        <source>Lấy lại nội dung vừa xóa (Ctrl+Shift+N)</source>
        <translation>Bring back what was just cleared (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/buttons.py" line="43"/>
        <source>Enter: ô tiếp · F6: thủ tục · Ctrl+Enter: Lưu &amp; In · Ctrl+N: nhập mới · Alt+chữ gạch chân: đến ô đó</source>
        <translation>Enter: next field · F6: procedure · Ctrl+Enter: Save &amp; Print · Ctrl+N: new dossier · Alt+underlined letter: go to that field</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../counter_app/gui/dossier/action_dialog.py" line="51"/>
        <source>Xác nhận (Enter hoặc Ctrl+Enter)</source>
        <translation>Confirm (Enter or Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/action_dialog.py" line="52"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/action_dialog.py" line="53"/>
        <source>Đóng, không thay đổi gì (Esc)</source>
        <translation>Close without changing anything (Esc)</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../counter_app/gui/app.py" line="194"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/app.py" line="200"/>
        <source>Ứng dụng đang được mở ở một cửa sổ khác trên máy này (hoặc bởi một người dùng khác) nên không thể mở thêm.

Hãy tìm và dùng cửa sổ đang mở, hoặc đóng nó rồi mở lại.

Chi tiết: {details}</source>
        <translation>The application is already open in another window on this computer (or by another user), so it cannot be opened again.

Find and use the open window, or close it and start again.

Details: {details}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/app.py" line="215"/>
        <source>Quầy tiếp nhận hồ sơ</source>
        <translation>Dossier counter</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/app.py" line="317"/>
        <source>Ứng dụng đang mở</source>
        <translation>Application already open</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/app.py" line="320"/>
        <source>Cần khôi phục dữ liệu</source>
        <translation>Data restore needed</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/app.py" line="322"/>
        <source>Cần khóa mã hóa dữ liệu</source>
        <translation>The data&apos;s encryption key is needed</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/app.py" line="324"/>
        <source>Cần phiên bản mới hơn</source>
        <translation>A newer version is needed</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/migration_progress.py" line="48"/>
        <source>Nâng cấp dữ liệu / Upgrading the data</source>
        <translation>Upgrading the data</translation>
    </message>
</context>
<context>
    <name>ApplicantBox</name>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="40"/>
        <source>Người nộp hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="43"/>
        <source>Họ và tên người nộp</source>
        <translation>Applicant&apos;s full name</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="48"/>
        <source>12 chữ số (CCCD) — hoặc quét mã QR trên thẻ</source>
        <translation>12 digits (CCCD) — or scan the QR code on the card</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="50"/>
        <source>Nếu có</source>
        <translation>If any</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="52"/>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="57"/>
        <source>VD 0912345678</source>
        <translation>e.g. 0912345678</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="60"/>
        <source>Số nhà, đường/phố, thôn/tổ</source>
        <translation>House number, street, hamlet/group</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="62"/>
        <source>Gõ tên xã/phường, không cần dấu</source>
        <translation>Type the commune name, accents optional</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="77"/>
        <source>Họ &amp;và tên:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="77"/>
        <source>Alt+V</source>
        <translation>Alt+F</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="78"/>
        <source>&amp;Loại giấy tờ:</source>
        <translation>ID &amp;type:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="78"/>
        <source>Alt+L</source>
        <translation>Alt+T</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="82"/>
        <source>Số g&amp;iấy tờ:</source>
        <translation>&amp;ID number:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="84"/>
        <source>Alt+I. Quét mã QR trên thẻ căn cước để điền tự động.</source>
        <translation>Alt+I. Scan the QR code on the ID card to fill this in automatically.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="86"/>
        <source>Số CMN&amp;D cũ:</source>
        <translation>O&amp;ld ID no. (CMND):</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="86"/>
        <source>Alt+D</source>
        <translation>Alt+L</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="87"/>
        <source>Ngà&amp;y sinh:</source>
        <translation>Date of &amp;birth:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="87"/>
        <source>Alt+Y</source>
        <translation>Alt+B</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="88"/>
        <source>Giới tí&amp;nh:</source>
        <translation>Se&amp;x:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="88"/>
        <source>Alt+N</source>
        <translation>Alt+X</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="89"/>
        <source>Điện th&amp;oại:</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="89"/>
        <source>Alt+O</source>
        <translation>Alt+P</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="90"/>
        <source>&amp;Email:</source>
        <translation>&amp;Email:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="90"/>
        <source>Alt+E</source>
        <translation>Alt+E</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="91"/>
        <source>Đị&amp;a chỉ:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="91"/>
        <source>Alt+A</source>
        <translation>Alt+A</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="95"/>
        <source>&amp;Xã/phường:</source>
        <translation>&amp;Commune:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="97"/>
        <source>Alt+X. Gõ vài chữ (không cần dấu), chọn trong danh sách.</source>
        <translation>Alt+C. Type a few letters (accents optional), then pick from the list.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/applicant.py" line="99"/>
        <source>Tỉnh/thành phố:</source>
        <translation>Province/city:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/fields.py" line="20"/>
        <source>CCCD / Căn cước</source>
        <translation>CCCD / Identity card</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/fields.py" line="21"/>
        <source>CMND</source>
        <translation>CMND (old ID card)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/fields.py" line="22"/>
        <source>Hộ chiếu</source>
        <translation>Passport</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/fields.py" line="25"/>
        <source>(chưa chọn)</source>
        <translation>(not chosen)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/fields.py" line="26"/>
        <source>Nam</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/fields.py" line="27"/>
        <source>Nữ</source>
        <translation>Female</translation>
    </message>
</context>
<context>
    <name>BackupStatus</name>
    <message>
        <location filename="../../counter_app/gui/backup_status.py" line="35"/>
        <source>Đang sao lưu… %p%</source>
        <translation>Backing up… %p%</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/backup_status.py" line="37"/>
        <source>Ứng dụng đang sao lưu dữ liệu; vẫn làm việc bình thường trong lúc này.</source>
        <translation>The app is backing up its data; work on as usual meanwhile.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/backup_status.py" line="63"/>
        <source>Đã sao lưu, nhưng chưa chép được sang thư mục thứ hai: {error}</source>
        <translation>Backed up, but not copied to the second folder yet: {error}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/backup_status.py" line="68"/>
        <source>Đã sao lưu dữ liệu.</source>
        <translation>Data backed up.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/backup_status.py" line="72"/>
        <source>Sao lưu không thành công: {error}</source>
        <translation>Backup failed: {error}</translation>
    </message>
</context>
<context>
    <name>BatchHandoverDialog</name>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="82"/>
        <source>Bàn giao hồ sơ cho cơ quan giải quyết</source>
        <translation>Hand dossiers over to the deciding agency</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="91"/>
        <source>Chọn các hồ sơ giao cho bộ phận/cơ quan giải quyết trong một đợt (Space: chọn/bỏ dòng đang đứng, Ctrl+A: chọn tất cả). Mỗi hồ sơ được ghi một lần bàn giao với người giao và người nhận, rồi in danh sách bàn giao của đợt này.</source>
        <translation>Choose the dossiers handed to the deciding office/agency in one batch (Space: tick/untick the current row, Ctrl+A: tick all). Each dossier gets one hand-over with the giver and the receiver, then the hand-over list of this batch is printed.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="101"/>
        <source>Ngày &amp;tiếp nhận:</source>
        <translation>&amp;Day received:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="111"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="112"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="113"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="114"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="115"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="128"/>
        <source>&amp;Hồ sơ chưa bàn giao:</source>
        <translation>Dossiers not &amp;handed over yet:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="132"/>
        <source>Bắt buộc, ví dụ: Phòng Văn hóa - Xã hội</source>
        <translation>Required, e.g. Phòng Văn hóa - Xã hội</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="137"/>
        <source>Bắt buộc: họ và tên</source>
        <translation>Required: full name</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="139"/>
        <source>Không bắt buộc</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="142"/>
        <source>Cơ &amp;quan giải quyết:</source>
        <translation>Deciding a&amp;gency:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="143"/>
        <source>Người &amp;giao:</source>
        <translation>Handed over &amp;by:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="144"/>
        <source>Người &amp;nhận:</source>
        <translation>Received b&amp;y:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="145"/>
        <source>Ghi &amp;chú:</source>
        <translation>&amp;Notes:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="157"/>
        <source>&amp;Bàn giao và in danh sách</source>
        <translation>Hand over and &amp;print the list</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="158"/>
        <source>Ghi bàn giao các hồ sơ đã chọn (Ctrl+Enter)</source>
        <translation>Record the hand-over of the ticked dossiers (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="160"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="229"/>
        <source>Không có hồ sơ chờ bàn giao trong ngày này.</source>
        <translation>No dossier of this day is waiting to be handed over.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="232"/>
        <source>Đã chọn {n}/{total} hồ sơ</source>
        <translation>{n}/{total} dossiers ticked</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="259"/>
        <source>Chưa chọn hồ sơ nào (Space để chọn, Ctrl+A: tất cả).</source>
        <translation>No dossier ticked (Space ticks one, Ctrl+A all).</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="263"/>
        <source>Cần ghi cơ quan giải quyết.</source>
        <translation>Enter the deciding agency.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="264"/>
        <source>Cần ghi họ tên người giao.</source>
        <translation>Enter the name of the person handing over.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="265"/>
        <source>Cần ghi họ tên người nhận.</source>
        <translation>Enter the name of the person receiving.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="275"/>
        <source>Đang ghi bàn giao…</source>
        <translation>Recording the hand-over…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="294"/>
        <source>Đã ghi bàn giao {n} hồ sơ cho {agency}. Đang tạo danh sách…</source>
        <translation>Recorded the hand-over of {n} dossiers to {agency}. Making the list…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="320"/>
        <source>Danh sách hồ sơ bàn giao ({n} hồ sơ)</source>
        <translation>Hand-over list ({n} dossiers)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/batch_handover.py" line="330"/>
        <source>Đã ghi bàn giao {n} hồ sơ. In danh sách để hai bên ký.</source>
        <translation>Recorded the hand-over of {n} dossiers. Print the list for both sides to sign.</translation>
    </message>
</context>
<context>
    <name>CaptureDialog</name>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="82"/>
        <source>Số hóa giấy tờ: {label}</source>
        <translation>Digitise document: {label}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="107"/>
        <source>Chọn &amp;tệp… (Ctrl+O)</source>
        <translation>Choose &amp;files… (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="109"/>
        <source>Thêm trang từ tệp PDF, JPEG, PNG, TIFF; có thể kéo thả tệp vào đây</source>
        <translation>Add pages from PDF, JPEG, PNG or TIFF files; you can also drop files here</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="114"/>
        <source>Máy quét</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="115"/>
        <source>&amp;Quét (F9)</source>
        <translation>&amp;Scan (F9)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="116"/>
        <source>Quét một trang bằng máy quét đã chọn</source>
        <translation>Scan a page with the chosen scanner</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="121"/>
        <source>&amp;Máy quét:</source>
        <translation>Sc&amp;anner:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="127"/>
        <source>Thư mục quét</source>
        <translation>Scan folder</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="130"/>
        <source>Lấy các bản quét &amp;mới (F10)</source>
        <translation>Take the &amp;new scans (F10)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="146"/>
        <source>Alt+↑/Alt+↓ hoặc kéo: đổi thứ tự · R / Shift+R: xoay phải / trái · Del: bỏ trang · Ctrl+P: xem trước</source>
        <translation>Alt+↑/Alt+↓ or drag: reorder · R / Shift+R: turn right / left · Del: remove page · Ctrl+P: preview</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="158"/>
        <source>Xem &amp;trước (Ctrl+P)</source>
        <translation>&amp;Preview (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="160"/>
        <source>&amp;Lưu tài liệu</source>
        <translation>&amp;Keep document</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="161"/>
        <source>Giữ tài liệu này (Ctrl+S hoặc Ctrl+Enter)</source>
        <translation>Keep this document (Ctrl+S or Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="163"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="164"/>
        <source>Đóng, bỏ các trang vừa thêm (Esc)</source>
        <translation>Close, dropping the pages just added (Esc)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="226"/>
        <source>{n} trang</source>
        <translation>{n} page(s)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="248"/>
        <source>Đã thêm {n} tệp.</source>
        <translation>Added {n} file(s).</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="257"/>
        <source>Đang đọc tệp…</source>
        <translation>Reading files…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="262"/>
        <source>Chọn tệp giấy tờ</source>
        <translation>Choose document files</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="277"/>
        <source>Đang tìm máy quét…</source>
        <translation>Looking for scanners…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="287"/>
        <source>Không thấy máy quét nào</source>
        <translation>No scanner found</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="292"/>
        <source>Không dùng được máy quét</source>
        <translation>Scanner not available</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="300"/>
        <source>Đang quét…</source>
        <translation>Scanning…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="312"/>
        <source>Thư mục quét: {folder}</source>
        <translation>Scan folder: {folder}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="343"/>
        <source>Đang đọc bản quét…</source>
        <translation>Reading the scans…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="378"/>
        <source>Chưa lưu tạm được các trang (sẽ mất nếu máy tắt đột ngột): {error}</source>
        <translation>The pages could not be saved for recovery (they would be lost if the computer stopped suddenly): {error}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="387"/>
        <source>Đã khôi phục {n} trang đang số hóa dở khi ứng dụng đóng đột ngột. Kiểm tra rồi bấm “Lưu tài liệu”, hoặc “Hủy” để bỏ.</source>
        <translation>Recovered {n} pages being digitised when the application closed abruptly. Check them, then press “Keep document”, or “Cancel” to drop them.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="392"/>
        <source>{n} trang không đọc lại được (tệp bị mất hoặc hỏng): cần số hóa lại.</source>
        <translation>{n} pages could not be read back (file missing or damaged): digitise them again.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="402"/>
        <source>Chưa có trang nào: hãy chọn tệp, kéo thả hoặc quét.</source>
        <translation>No pages yet: choose files, drop them here or scan.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="410"/>
        <source>Đang tạo bản xem trước…</source>
        <translation>Making the preview…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="418"/>
        <source>{label}: {n} trang</source>
        <translation>{label}: {n} page(s)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/capture/dialog.py" line="434"/>
        <source>Đang kiểm tra tài liệu…</source>
        <translation>Checking the document…</translation>
    </message>
</context>
<context>
    <name>CccdScanner</name>
    <message>
        <location filename="../../counter_app/gui/widgets/scanner.py" line="282"/>
        <source>Mã vừa quét không phải mã QR trên thẻ căn cước (CCCD): {line}</source>
        <translation>The scanned code is not the QR code of an ID card (CCCD): {line}</translation>
    </message>
</context>
<context>
    <name>CommunePicker</name>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="41"/>
        <source>Gõ tên xã/phường, vd: hoan kiem</source>
        <translation>Type the commune name, e.g. hoan kiem</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="102"/>
        <source>Chưa chọn xã/phường</source>
        <translation>No commune chosen</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="106"/>
        <source>Đã chọn: {name}, {province} (mã {code})</source>
        <translation>Chosen: {name}, {province} (code {code})</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../counter_app/gui/app.py" line="64"/>
        <source>Lỗi không mong muốn</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/app.py" line="66"/>
        <source>Ứng dụng gặp một lỗi không mong muốn.</source>
        <translation>The application hit an unexpected error.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/app.py" line="70"/>
        <source>Các hồ sơ đã lưu không bị mất. Hãy bấm “Sao chép chi tiết” và gửi cho kỹ thuật viên. Có thể tiếp tục làm việc; nếu lỗi lặp lại, hãy khởi động lại ứng dụng.</source>
        <translation>Saved dossiers are not lost. Press “Copy details” and send them to your technician. You can keep working; if the error comes back, restart the application.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/app.py" line="82"/>
        <source>Sao chép chi tiết</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/app.py" line="85"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/app.py" line="102"/>
        <source>Đã sao chép</source>
        <translation>Copied</translation>
    </message>
</context>
<context>
    <name>DashboardChart</name>
    <message>
        <location filename="../../counter_app/gui/dashboard/charts.py" line="99"/>
        <source>Chưa có số liệu</source>
        <translation>No figures yet</translation>
    </message>
</context>
<context>
    <name>DashboardWidget</name>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="100"/>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="101"/>
        <source>Tuần này</source>
        <translation>This week</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="102"/>
        <source>Tháng này</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="103"/>
        <source>Tháng trước</source>
        <translation>Last month</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="104"/>
        <source>Quý này</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="105"/>
        <source>Năm nay</source>
        <translation>This year</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="106"/>
        <source>Khoảng ngày…</source>
        <translation>Date range…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="117"/>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="118"/>
        <source>Xuất Excel (.xlsx)…</source>
        <translation>Export to Excel (.xlsx)…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="119"/>
        <source>Xuất CSV…</source>
        <translation>Export to CSV…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="124"/>
        <source>Kỳ báo cáo:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="135"/>
        <location filename="../../counter_app/gui/dashboard/page.py" line="282"/>
        <location filename="../../counter_app/gui/dashboard/page.py" line="330"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="136"/>
        <source>Tỷ lệ trực tuyến</source>
        <translation>Share received online</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="137"/>
        <source>Từ chối tiếp nhận</source>
        <translation>Refused at reception</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="139"/>
        <source>Yêu cầu bổ sung</source>
        <translation>Sent back for completion</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="141"/>
        <location filename="../../counter_app/gui/dashboard/page.py" line="283"/>
        <location filename="../../counter_app/gui/dashboard/page.py" line="331"/>
        <source>Đã giải quyết</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="142"/>
        <location filename="../../counter_app/gui/dashboard/page.py" line="291"/>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="143"/>
        <location filename="../../counter_app/gui/dashboard/page.py" line="284"/>
        <location filename="../../counter_app/gui/dashboard/page.py" line="332"/>
        <source>Trễ hạn</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="144"/>
        <source>Tỷ lệ đúng hạn</source>
        <translation>On-time rate</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="145"/>
        <location filename="../../counter_app/gui/dashboard/page.py" line="333"/>
        <source>Đang quá hạn</source>
        <translation>Overdue now</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="152"/>
        <source>Hồ sơ đã số hóa (tiếp nhận tại quầy)</source>
        <translation>Dossiers digitised (received at a counter)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="155"/>
        <source>Tỷ lệ số hóa hồ sơ</source>
        <translation>Dossier digitisation rate</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="158"/>
        <source>Kết quả đã số hóa</source>
        <translation>Results digitised</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="161"/>
        <source>Tỷ lệ số hóa kết quả</source>
        <translation>Result digitisation rate</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="170"/>
        <source>Theo ngày</source>
        <translation>By day</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="171"/>
        <source>Theo quầy</source>
        <translation>By counter</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="172"/>
        <source>Theo thủ tục (nhiều hồ sơ nhất)</source>
        <translation>By procedure (busiest)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="173"/>
        <source>Tỷ lệ đúng hạn theo ngày (%)</source>
        <translation>On-time rate by day (%)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="180"/>
        <source>Tỷ lệ số hóa theo ngày (%)</source>
        <translation>Digitisation rate by day (%)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="183"/>
        <source>Tỷ lệ số hóa theo quầy (%)</source>
        <translation>Digitisation rate by counter (%)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="186"/>
        <source>Tỷ lệ số hóa theo thủ tục (%)</source>
        <translation>Digitisation rate by procedure (%)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="248"/>
        <source>Ngày kết thúc phải sau ngày bắt đầu.</source>
        <translation>The period must end after it starts.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="252"/>
        <source>Đang tính số liệu…</source>
        <translation>Computing the figures…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="271"/>
        <source>Số liệu của cả trung tâm, {a} – {b}, tính đến {t}.</source>
        <translation>Figures of the whole centre, {a} – {b}, as of {t}.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="324"/>
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="325"/>
        <source>Kết quả</source>
        <translation>Results</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="338"/>
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="339"/>
        <source>Quầy {n}</source>
        <translation>Counter {n}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="347"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="347"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="348"/>
        <source>Xuất số liệu</source>
        <translation>Export the figures</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="355"/>
        <source>Đang ghi tệp…</source>
        <translation>Writing the file…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dashboard/page.py" line="361"/>
        <source>Đã xuất số liệu ra {p}</source>
        <translation>Figures exported to {p}</translation>
    </message>
</context>
<context>
    <name>DocumentChecklist</name>
    <message>
        <location filename="../../counter_app/gui/intake/checklist.py" line="95"/>
        <source>Thành phần hồ sơ (đánh dấu giấy tờ đã nhận)</source>
        <translation>Dossier documents (tick those received)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/checklist.py" line="101"/>
        <source>Chọn thủ tục để hiện danh mục giấy tờ.</source>
        <translation>Choose a procedure to list its documents.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/checklist.py" line="103"/>
        <source>Thêm giấy tờ &amp;khác</source>
        <translation>Add other docu&amp;ment</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/checklist.py" line="104"/>
        <source>Thêm một dòng giấy tờ ngoài danh mục (Alt+K)</source>
        <translation>Add a document that is not on the list (Alt+M)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/checklist.py" line="118"/>
        <source>Số bộ hồ sơ:</source>
        <translation>Number of sets:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/checklist.py" line="157"/>
        <source>Tên giấy tờ khác</source>
        <translation>Name of the other document</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/checklist.py" line="159"/>
        <source>Đã nhận giấy tờ khác</source>
        <translation>Other document received</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/checklist.py" line="162"/>
        <source>Bỏ dòng này</source>
        <translation>Remove this row</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/checklist.py" line="172"/>
        <source>Đã nhận: {name} (phím cách để đánh dấu)</source>
        <translation>Received: {name} (Space to tick)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/checklist.py" line="207"/>
        <source>✔ {n} tr.</source>
        <translation>✔ {n} p.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/checklist.py" line="209"/>
        <source>Đã số hóa {n} trang; bấm để sửa (F8)</source>
        <translation>{n} page(s) digitised; click to edit (F8)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/checklist.py" line="213"/>
        <source>Số hóa giấy tờ này: quét, chọn tệp (F8)</source>
        <translation>Digitise this document: scan or choose files (F8)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/checklist.py" line="239"/>
        <source> bản</source>
        <translation> pcs</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/fields.py" line="36"/>
        <source>Bản chính</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/fields.py" line="37"/>
        <source>Bản sao có chứng thực</source>
        <translation>Certified copy</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/fields.py" line="38"/>
        <source>Bản chụp</source>
        <translation>Photocopy</translation>
    </message>
</context>
<context>
    <name>DocumentsTab</name>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="46"/>
        <source>Máy quét</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="47"/>
        <source>Thư mục quét</source>
        <translation>Scan folder</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="48"/>
        <source>Tệp</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="51"/>
        <source>Giấy tờ</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="52"/>
        <source>Số trang</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="53"/>
        <source>Dung lượng</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="54"/>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="55"/>
        <source>Người lưu, lúc</source>
        <translation>Stored by, at</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="56"/>
        <source>Gửi lên Cổng</source>
        <translation>Upload to portal</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="85"/>
        <source>Giấy tờ cần số hóa</source>
        <translation>Document to digitise</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="86"/>
        <source>Số hóa &amp;cho:</source>
        <translation>Digitise &amp;for:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="89"/>
        <source>Thêm tài liệu… (Insert)</source>
        <translation>Add document… (Insert)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="88"/>
        <source>Mở (Enter)</source>
        <translation>Open (Enter)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="90"/>
        <source>Xóa… (Del)</source>
        <translation>Remove… (Del)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="91"/>
        <source>Gửi lại</source>
        <translation>Resend</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="92"/>
        <source>Gửi lại tài liệu bị Cổng từ chối</source>
        <translation>Send a document the portal refused again</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="136"/>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="266"/>
        <source>Giấy tờ khác</source>
        <translation>Other documents</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="137"/>
        <source>Kết quả giải quyết</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="179"/>
        <source>Đã gỡ ở quầy khác (chỉ lưu vết)</source>
        <translation>Removed at another counter (kept for the record)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="181"/>
        <source>Chờ hồ sơ được Cổng chấp nhận</source>
        <translation>Waiting for the portal to accept the dossier</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="184"/>
        <source>Đang gửi {n} %</source>
        <translation>Uploading {n} %</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="186"/>
        <source>Đã gửi</source>
        <translation>Uploaded</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="188"/>
        <source>Bị từ chối: {message}</source>
        <translation>Rejected: {message}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="190"/>
        <source>Ở quầy khác (Enter: tải về)</source>
        <translation>At another counter (Enter: download)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="191"/>
        <source>Chờ gửi</source>
        <translation>Waiting to upload</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="221"/>
        <source>{label} — hồ sơ {code}</source>
        <translation>{label} — dossier {code}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="231"/>
        <source>Đang tải tài liệu từ Cổng…</source>
        <translation>Downloading the document from the portal…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="239"/>
        <source>Không mở được tài liệu: {error}</source>
        <translation>Could not open the document: {error}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="293"/>
        <source>Đã lưu tài liệu số hóa: {label}.</source>
        <translation>Digitised document stored: {label}.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="332"/>
        <source>Chỉ gửi lại được tài liệu bị Cổng từ chối.</source>
        <translation>Only a document the portal refused can be sent again.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="337"/>
        <source>Tài liệu sẽ được gửi lại ở lần đồng bộ tới.</source>
        <translation>The document will be sent again at the next sync.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="345"/>
        <source>Xóa tài liệu số hóa</source>
        <translation>Remove digitised document</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="346"/>
        <source>Xóa tài liệu “{label}” ({n} trang) khỏi hồ sơ {code}?</source>
        <translation>Remove the document “{label}” ({n} pages) from dossier {code}?</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="350"/>
        <source>Xóa tài liệu</source>
        <translation>Remove document</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/documents_tab.py" line="357"/>
        <source>Đã xóa tài liệu: {label}.</source>
        <translation>Document removed: {label}.</translation>
    </message>
</context>
<context>
    <name>DossierDetailDialog</name>
    <message>
        <location filename="../../counter_app/gui/dossier/actions.py" line="54"/>
        <source>Nhận bổ sung, tiếp tục &amp;xử lý</source>
        <translation>Supplement received, resume &amp;processing</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/actions.py" line="45"/>
        <source>Nhận bổ sung, tiếp nhận &amp;hồ sơ</source>
        <translation>Supplement received, &amp;accept dossier</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/actions.py" line="43"/>
        <source>Tiếp nhận &amp;hồ sơ</source>
        <translation>&amp;Accept dossier</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/actions.py" line="57"/>
        <source>Tiếp tục &amp;xử lý</source>
        <translation>Resume &amp;processing</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/actions.py" line="52"/>
        <source>Bắt đầu &amp;xử lý</source>
        <translation>Start &amp;processing</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/actions.py" line="70"/>
        <source>Yêu cầu bổ s&amp;ung (Mẫu 02)</source>
        <translation>Re&amp;quest supplement (Form 02)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/actions.py" line="62"/>
        <source>Yêu cầu nghĩa vụ tài &amp;chính</source>
        <translation>Request pa&amp;yment</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/actions.py" line="64"/>
        <source>Đã xử lý x&amp;ong</source>
        <translation>Processing d&amp;one</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/actions.py" line="66"/>
        <source>Trả kết &amp;quả</source>
        <translation>Return res&amp;ult</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/actions.py" line="81"/>
        <source>&amp;Rút hồ sơ</source>
        <translation>&amp;Withdraw dossier</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/actions.py" line="82"/>
        <source>Dừn&amp;g xử lý</source>
        <translation>&amp;Stop processing</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/actions.py" line="76"/>
        <source>Từ chối tiếp nhận (Mẫu 0&amp;3)</source>
        <translation>Refuse dossier (Form 0&amp;3)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/actions.py" line="112"/>
        <source>Nhận bổ sung, tiếp tục xử lý</source>
        <translation>Supplement received, resume processing</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/actions.py" line="113"/>
        <source>Nhận bổ sung, tiếp nhận hồ sơ</source>
        <translation>Supplement received, accept dossier</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/actions.py" line="114"/>
        <source>Tiếp nhận hồ sơ</source>
        <translation>Accept dossier</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/actions.py" line="115"/>
        <source>Tiếp tục xử lý</source>
        <translation>Resume processing</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/actions.py" line="116"/>
        <source>Bắt đầu xử lý</source>
        <translation>Start processing</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/actions.py" line="117"/>
        <source>Yêu cầu nghĩa vụ tài chính</source>
        <translation>Request payment</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/actions.py" line="118"/>
        <source>Đã xử lý xong</source>
        <translation>Processing done</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/actions.py" line="119"/>
        <source>Rút hồ sơ</source>
        <translation>Withdraw dossier</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/actions.py" line="120"/>
        <source>Dừng xử lý</source>
        <translation>Stop processing</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/actions.py" line="121"/>
        <location filename="../../counter_app/gui/dossier/overview.py" line="169"/>
        <source>cán bộ</source>
        <translation>officer</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/actions.py" line="122"/>
        <location filename="../../counter_app/gui/dossier/overview.py" line="170"/>
        <source>bộ</source>
        <translation>set(s)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="93"/>
        <source>Hồ sơ {code}</source>
        <translation>Dossier {code}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="128"/>
        <source>&amp;Thông tin hồ sơ</source>
        <translation>Dossier &amp;info</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/history.py" line="24"/>
        <location filename="../../counter_app/gui/dossier/history.py" line="37"/>
        <location filename="../../counter_app/gui/dossier/history.py" line="51"/>
        <location filename="../../counter_app/gui/dossier/history.py" line="66"/>
        <source>Thời điểm</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/history.py" line="25"/>
        <source>Chuyển trạng thái</source>
        <translation>Status change</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/history.py" line="26"/>
        <location filename="../../counter_app/gui/dossier/history.py" line="40"/>
        <source>Người thực hiện</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/history.py" line="27"/>
        <location filename="../../counter_app/gui/dossier/history.py" line="41"/>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="130"/>
        <source>&amp;Lịch sử xử lý</source>
        <translation>Processing &amp;history</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/history.py" line="38"/>
        <location filename="../../counter_app/gui/dossier/overview.py" line="81"/>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/history.py" line="39"/>
        <source>Hẹn trả cũ → mới</source>
        <translation>Due date old → new</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="132"/>
        <source>Thay đổi &amp;ngày hẹn</source>
        <translation>&amp;Due date changes</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/history.py" line="52"/>
        <source>Chiều</source>
        <translation>Direction</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/history.py" line="53"/>
        <source>Cơ quan giải quyết</source>
        <translation>Deciding agency</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/history.py" line="54"/>
        <source>Người giao</source>
        <translation>Handed over by</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/history.py" line="55"/>
        <source>Người nhận</source>
        <translation>Received by</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/history.py" line="56"/>
        <source>Ghi chú</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/history.py" line="67"/>
        <source>Biểu mẫu</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/history.py" line="68"/>
        <source>Liên</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/history.py" line="69"/>
        <source>Khổ giấy</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/history.py" line="70"/>
        <source>Người in</source>
        <translation>Printed by</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/history.py" line="71"/>
        <source>Lý do in lại</source>
        <translation>Reprint reason</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/history.py" line="101"/>
        <source>Người nhận kết quả: {name}</source>
        <translation>Collected by: {name}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/history.py" line="132"/>
        <source>Chuyển xử lý</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/history.py" line="133"/>
        <source>Nhận lại kết quả</source>
        <translation>Taken back</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="134"/>
        <source>Nhật &amp;ký in</source>
        <translation>Print &amp;log</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="136"/>
        <source>Bàn gi&amp;ao</source>
        <translation>Hand-o&amp;vers</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="138"/>
        <source>Tài liệu số &amp;hóa</source>
        <translation>Di&amp;gitised documents</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="140"/>
        <source>Xử lý hồ sơ</source>
        <translation>Dossier actions</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="142"/>
        <source>Hồ sơ đã ở trạng thái cuối, không còn thao tác.</source>
        <translation>The dossier is in a final status; no more actions.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="145"/>
        <source>&amp;Dời ngày hẹn…</source>
        <translation>&amp;Move due date…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="146"/>
        <source>Đổi ngày hẹn trả kết quả, cần ghi lý do (Alt+D)</source>
        <translation>Change the result due date; a reason is required (Alt+M)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="147"/>
        <source>Chu&amp;yển xử lý / Nhận lại kết quả…</source>
        <translation>Hand over / ta&amp;ke back…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="150"/>
        <source>Ghi bàn giao hồ sơ cho cơ quan giải quyết hoặc nhận lại kết quả, với người giao và người nhận (Alt+Y)</source>
        <translation>Record handing the dossier over to the deciding agency, or taking it back with the result, with both people (Alt+K)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="154"/>
        <location filename="../../counter_app/gui/dossier/detail.py" line="247"/>
        <source>In &amp;biên nhận…</source>
        <translation>Print &amp;receipt…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="155"/>
        <source>In Mẫu 01 (Alt+B)</source>
        <translation>Print Form 01 (Alt+B)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="244"/>
        <source>In lại &amp;biên nhận…</source>
        <translation>Reprint &amp;receipt…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="245"/>
        <source>In lại Mẫu 01, cần ghi lý do in lại (Alt+B)</source>
        <translation>Reprint Form 01; a reason is required (Alt+R)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="156"/>
        <source>In &amp;phiếu kiểm soát</source>
        <translation>Print &amp;control sheet</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="158"/>
        <source>Phiếu kiểm soát quá trình giải quyết hồ sơ (Alt+P)</source>
        <translation>Dossier processing control sheet (Alt+C)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="160"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="161"/>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="57"/>
        <source>Người nộp hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="59"/>
        <source>Họ và tên:</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="60"/>
        <source>Giấy tờ:</source>
        <translation>ID document:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="61"/>
        <source>Ngày sinh, giới tính:</source>
        <translation>Date of birth, sex:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="62"/>
        <source>Điện thoại, email:</source>
        <translation>Phone, email:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="63"/>
        <source>Địa chỉ:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="67"/>
        <source>Hồ sơ</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="69"/>
        <source>Thủ tục:</source>
        <translation>Procedure:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="70"/>
        <source>Lĩnh vực, thời hạn:</source>
        <translation>Field, time limit:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="71"/>
        <source>Tiếp nhận:</source>
        <translation>Received:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="72"/>
        <source>Hẹn trả kết quả:</source>
        <translation>Result due:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="73"/>
        <source>Số bộ, nhận kết quả:</source>
        <translation>Sets, result delivery:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="74"/>
        <source>Đã trả:</source>
        <translation>Returned:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="75"/>
        <source>Ghi chú:</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="80"/>
        <source>Tên giấy tờ</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="82"/>
        <source>Số lượng</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="88"/>
        <location filename="../../counter_app/gui/dossier/overview.py" line="98"/>
        <source>Phí, lệ phí</source>
        <translation>Fees and charges</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="89"/>
        <source>Mức thu</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="90"/>
        <location filename="../../counter_app/gui/dossier/overview.py" line="135"/>
        <source>Đã nộp</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="96"/>
        <source>Thành phần hồ sơ</source>
        <translation>Dossier documents</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="137"/>
        <source>Không thu phí</source>
        <translation>No fee</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="172"/>
        <source>qua bưu chính</source>
        <translation>by post</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="174"/>
        <source>tại Bộ phận Một cửa</source>
        <translation>at the one-stop counter</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="136"/>
        <source>Chưa nộp</source>
        <translation>Unpaid</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/overview.py" line="150"/>
        <source>Tổng cộng: &lt;b&gt;{total}&lt;/b&gt;</source>
        <translation>Total: &lt;b&gt;{total}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/history.py" line="112"/>
        <source>Dời ngày hẹn</source>
        <translation>Moved</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/history.py" line="113"/>
        <source>Sau bổ sung</source>
        <translation>After supplement</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="248"/>
        <source>In Mẫu 01 lần đầu (Alt+B)</source>
        <translation>Print Form 01 for the first time (Alt+B)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="249"/>
        <source>Thay đổi &amp;ngày hẹn ({n})</source>
        <translation>&amp;Due date changes ({n})</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="250"/>
        <source>Nhật &amp;ký in ({n})</source>
        <translation>Print &amp;log ({n})</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="251"/>
        <source>Bàn gi&amp;ao ({n})</source>
        <translation>Hand-o&amp;vers ({n})</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="277"/>
        <source>Chuyển sang: {name}</source>
        <translation>Change to: {name}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="279"/>
        <source> (cần ghi lý do)</source>
        <translation> (reason required)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="334"/>
        <source>Hồ sơ {code}: {current} → {target}.</source>
        <translation>Dossier {code}: {current} → {target}.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="339"/>
        <source>Xác nhận công dân đã nộp đủ giấy tờ bổ sung; ngày hẹn trả sẽ được tính lại.</source>
        <translation>Confirm that the citizen has handed in all the requested documents; the due date will be recalculated.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="370"/>
        <source>Đã chuyển hồ sơ sang trạng thái: {name}.</source>
        <translation>Dossier status changed to: {name}.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="374"/>
        <source>Hẹn trả cũ: {old} → Hẹn trả mới: {new}.</source>
        <translation>Old due date: {old} → New due date: {new}.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="381"/>
        <source>Không tạo được biểu mẫu: {error}</source>
        <translation>Could not create the form: {error}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="392"/>
        <source>Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)</source>
        <translation>Request to supplement and complete the dossier (Form 02)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="394"/>
        <source>Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)</source>
        <translation>Notice of refusal to accept the dossier (Form 03)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="430"/>
        <source>Đã trả kết quả nhưng chưa lưu được bản số hóa kết quả: {error}. Thêm lại ở tab Tài liệu số hóa.</source>
        <translation>The result was handed back but its digitised copy was not stored: {error}. Add it again in the Digitised documents tab.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="450"/>
        <source>Đã dời ngày hẹn: {old} → {new}.</source>
        <translation>Due date moved: {old} → {new}.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="484"/>
        <source>Đã ghi chuyển hồ sơ đến {agency}: {giver} giao, {receiver} nhận.</source>
        <translation>Recorded the hand-over to {agency}: handed over by {giver}, received by {receiver}.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail.py" line="487"/>
        <source>Đã ghi nhận lại hồ sơ từ {agency}: {giver} giao, {receiver} nhận.</source>
        <translation>Recorded the return from {agency}: handed over by {giver}, received by {receiver}.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail_prints.py" line="52"/>
        <source>In văn bản xin lỗi (Mẫu 04)</source>
        <translation>Print the apology letter (Form 04)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail_prints.py" line="54"/>
        <source>Ngày hẹn trả đã dời muộn hơn ({old} → {new}). In Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (Mẫu 04) để gửi người nộp?</source>
        <translation>The result date moved later ({old} → {new}). Print the apology and extension letter (Form 04) for the applicant?</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail_prints.py" line="61"/>
        <source>&amp;In Mẫu 04…</source>
        <translation>&amp;Print Form 04…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail_prints.py" line="64"/>
        <source>Để &amp;sau</source>
        <translation>&amp;Later</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail_prints.py" line="84"/>
        <source>Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (Mẫu 04)</source>
        <translation>Apology and extension of the processing time (Form 04)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail_prints.py" line="114"/>
        <source>Giấy tiếp nhận hồ sơ và hẹn trả kết quả</source>
        <translation>Dossier receipt and result appointment</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail_prints.py" line="135"/>
        <source>In lại giấy tiếp nhận (Mẫu 01)</source>
        <translation>Reprint the receipt (Form 01)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail_prints.py" line="136"/>
        <source>Bản in lại được ghi &quot;BẢN IN LẠI&quot; và lưu vào nhật ký in cùng lý do.</source>
        <translation>The reprint is marked &quot;BẢN IN LẠI&quot; (reprint) and recorded in the print log with the reason.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail_prints.py" line="141"/>
        <source>Tạo bản in lại</source>
        <translation>Create reprint</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail_prints.py" line="143"/>
        <source>&amp;Lý do in lại:</source>
        <translation>&amp;Reason for reprint:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail_prints.py" line="153"/>
        <source>In lại giấy tiếp nhận hồ sơ và hẹn trả kết quả</source>
        <translation>Reprint of the dossier receipt and result appointment</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/detail_prints.py" line="178"/>
        <source>Phiếu kiểm soát quá trình giải quyết hồ sơ</source>
        <translation>Dossier processing control sheet</translation>
    </message>
</context>
<context>
    <name>DossierList</name>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="93"/>
        <source>Chờ gửi</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="94"/>
        <source>Đang gửi</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="95"/>
        <source>Đã gửi</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="96"/>
        <source>Bị từ chối</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="97"/>
        <source>Xung đột</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="98"/>
        <source>Dữ liệu mẫu</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="110"/>
        <source>đủ</source>
        <translation>complete</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="111"/>
        <source>thiếu {n}</source>
        <translation>{n} missing</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="117"/>
        <source>Quầy này</source>
        <translation>This counter</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="120"/>
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="123"/>
        <source>Quầy {n}</source>
        <translation>Counter {n}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="421"/>
        <source>Chưa có màn hình chi tiết</source>
        <translation>No detail screen</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="422"/>
        <source>Màn hình chi tiết hồ sơ chưa được cài đặt. Mã hồ sơ: {code}</source>
        <translation>The dossier detail screen is not installed. Dossier code: {code}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="428"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>DossierListModel</name>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="162"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="163"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="164"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="165"/>
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="166"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="167"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="168"/>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="169"/>
        <source>Nơi nhận</source>
        <translation>Received at</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="170"/>
        <source>Số hóa</source>
        <translation>Digitised</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="270"/>
        <source>Bấm để đổi thứ tự mới nhất / cũ nhất</source>
        <translation>Click to switch newest / oldest first</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="284"/>
        <source>Không tính số hóa: hồ sơ trực tuyến hoặc chưa được tiếp nhận</source>
        <translation>Not counted for digitisation: an online dossier, or one never received</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="286"/>
        <source>Giấy tờ nộp đã số hóa đủ</source>
        <translation>Every submitted document is digitised</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="288"/>
        <source>Còn {n} giấy tờ chưa số hóa</source>
        <translation>{n} document(s) not digitised yet</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="292"/>
        <source>Kết quả đã số hóa</source>
        <translation>Results digitised</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="294"/>
        <source>Kết quả chưa số hóa</source>
        <translation>Result not digitised</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="315"/>
        <source>{due} — sẽ trễ hạn</source>
        <translation>{due} — will be late</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="349"/>
        <source>Số giấy tờ: {n}</source>
        <translation>ID number: {n}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="351"/>
        <source>Điện thoại: {p}</source>
        <translation>Phone: {p}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="356"/>
        <source>Quá hạn hẹn trả</source>
        <translation>Past its due date</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="358"/>
        <source>Sắp đến hẹn mà chưa xong: dời hẹn và in Mẫu 04 (xin lỗi, gia hạn)</source>
        <translation>Due soon and not finished: move the appointment and print Form 04 (apology, extension)</translation>
    </message>
</context>
<context>
    <name>DossierListWidget</name>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_list.py" line="50"/>
        <source>Tìm theo tên, số CCCD, điện thoại hoặc mã hồ sơ (gõ không dấu cũng được)</source>
        <translation>Search by name, ID number, phone or dossier code (accents optional)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_list.py" line="55"/>
        <source>Mọi trạng thái</source>
        <translation>Any status</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_list.py" line="62"/>
        <source>Mọi ngày nhận</source>
        <translation>Any date</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_list.py" line="63"/>
        <source>Nhận hôm nay</source>
        <translation>Received today</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_list.py" line="64"/>
        <source>7 ngày qua</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_list.py" line="65"/>
        <source>30 ngày qua</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_list.py" line="66"/>
        <source>Năm nay</source>
        <translation>This year</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_list.py" line="67"/>
        <source>Khoảng ngày…</source>
        <translation>Date range…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_list.py" line="81"/>
        <source>Mọi quầy</source>
        <translation>All counters</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_list.py" line="83"/>
        <source>Quầy {n}</source>
        <translation>Counter {n}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_list.py" line="84"/>
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_list.py" line="85"/>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_list.py" line="86"/>
        <source>Hẹn trả hôm nay</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_list.py" line="87"/>
        <source>Lỗi đồng bộ</source>
        <translation>Sync problems</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_list.py" line="88"/>
        <source>&amp;Chưa số hóa</source>
        <translation>&amp;Not digitised</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_list.py" line="91"/>
        <source>Hồ sơ tiếp nhận tại quầy còn giấy tờ chưa số hóa (Alt+C)</source>
        <translation>Dossiers received at a counter with documents not digitised yet (Alt+N)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_list.py" line="94"/>
        <source>Mới nhất trước</source>
        <translation>Newest first</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_list.py" line="95"/>
        <source>Cũ nhất trước</source>
        <translation>Oldest first</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_list.py" line="96"/>
        <source>Xóa bộ lọc</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_list.py" line="97"/>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_list.py" line="98"/>
        <source>Tải lại danh sách (F5)</source>
        <translation>Reload the list (F5)</translation>
    </message>
</context>
<context>
    <name>DossierTable</name>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="523"/>
        <source>Đang tìm…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="525"/>
        <source>Không có hồ sơ nào phù hợp.</source>
        <translation>No matching dossiers.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="527"/>
        <source>Đang hiển thị {n} hồ sơ đầu tiên — cuộn xuống để xem thêm</source>
        <translation>Showing the first {n} dossiers — scroll down for more</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/dossier_table.py" line="531"/>
        <source>{n} hồ sơ</source>
        <translation>{n} dossiers</translation>
    </message>
</context>
<context>
    <name>DraftBanner</name>
    <message>
        <location filename="../../counter_app/gui/intake/banners.py" line="18"/>
        <source>Khôi &amp;phục</source>
        <translation>&amp;Restore</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/banners.py" line="19"/>
        <source>Điền lại hồ sơ đang nhập dở (Alt+P)</source>
        <translation>Fill in the unfinished dossier again (Alt+R)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/banners.py" line="20"/>
        <source>Bỏ qua</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/banners.py" line="21"/>
        <source>Xóa bản nháp, bắt đầu hồ sơ mới</source>
        <translation>Delete the draft and start a new dossier</translation>
    </message>
</context>
<context>
    <name>FeesTable</name>
    <message>
        <location filename="../../counter_app/gui/intake/fees.py" line="52"/>
        <source>Phí, lệ phí</source>
        <translation>Fees and charges</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/fees.py" line="82"/>
        <source> đồng</source>
        <translation> VND</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/fees.py" line="87"/>
        <source>Đã nộp</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/fees.py" line="106"/>
        <source>Không có phí, lệ phí</source>
        <translation>No fees or charges</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/fees.py" line="109"/>
        <source>Tổng cộng: &lt;b&gt;{total}&lt;/b&gt;</source>
        <translation>Total: &lt;b&gt;{total}&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../../counter_app/gui/dossier/handover.py" line="38"/>
        <source>Chuyển xử lý / Nhận lại kết quả</source>
        <translation>Hand over / take back</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/handover.py" line="40"/>
        <source>Hồ sơ {code}: ghi lần bàn giao giữa Trung tâm và cơ quan giải quyết, với họ tên người giao và người nhận (in trên Phiếu kiểm soát, Mẫu 06, và danh sách bàn giao trong ngày).</source>
        <translation>Dossier {code}: record a hand-over between the centre and the deciding agency, with the names of the person handing over and the person receiving (printed on the control sheet, Form 06, and on the day&apos;s hand-over list).</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/handover.py" line="44"/>
        <source>Ghi nhận bàn giao</source>
        <translation>Record hand-over</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/handover.py" line="47"/>
        <source>Chuyển &amp;xử lý (giao cho cơ quan giải quyết)</source>
        <translation>Hand over for &amp;processing (to the deciding agency)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/handover.py" line="48"/>
        <source>Nhận lại &amp;kết quả (từ cơ quan giải quyết)</source>
        <translation>Take back the &amp;result (from the deciding agency)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/handover.py" line="54"/>
        <source>Bắt buộc, ví dụ: Phòng Văn hóa - Xã hội</source>
        <translation>Required, e.g. Phòng Văn hóa - Xã hội</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/handover.py" line="58"/>
        <source>Bắt buộc: họ và tên</source>
        <translation>Required: full name</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/handover.py" line="59"/>
        <source>Không bắt buộc</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/handover.py" line="60"/>
        <source>Chiều bàn giao:</source>
        <translation>Direction:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/handover.py" line="62"/>
        <source>Cơ &amp;quan giải quyết:</source>
        <translation>Deciding a&amp;gency:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/handover.py" line="63"/>
        <source>Người &amp;giao:</source>
        <translation>Handed over &amp;by:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/handover.py" line="64"/>
        <source>Người &amp;nhận:</source>
        <translation>Received b&amp;y:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/handover.py" line="65"/>
        <source>Ghi &amp;chú:</source>
        <translation>&amp;Notes:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/handover.py" line="92"/>
        <source>Cần ghi cơ quan giải quyết.</source>
        <translation>Enter the deciding agency.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/handover.py" line="93"/>
        <source>Cần ghi họ tên người giao.</source>
        <translation>Enter the name of the person handing over.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/handover.py" line="94"/>
        <source>Cần ghi họ tên người nhận.</source>
        <translation>Enter the name of the person receiving.</translation>
    </message>
</context>
<context>
    <name>IntakeActions</name>
    <message>
        <location filename="../../counter_app/gui/intake/actions.py" line="73"/>
        <source>Đang tải danh mục, vui lòng chờ.</source>
        <translation>Loading the catalogue, please wait.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/actions.py" line="86"/>
        <source>Còn {n} lỗi cần sửa trước khi lưu: {first}</source>
        <translation>{n} problem(s) to fix before saving: {first}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/actions.py" line="92"/>
        <source>Số CMND cũ: {n}</source>
        <translation>Số CMND cũ: {n}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/actions.py" line="107"/>
        <source>Chưa lưu được hồ sơ: {message}</source>
        <translation>The dossier was not saved: {message}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/actions.py" line="120"/>
        <source>Người nộp: {name}</source>
        <translation>Applicant: {name}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/actions.py" line="121"/>
        <source>Hẹn trả: {due}</source>
        <translation>Due: {due}</translation>
    </message>
    <message>
        <source>Hồ sơ đã lưu, {n} tài liệu số hóa đã lưu; chưa lưu được tài liệu còn lại: {error}. Mở hồ sơ (tab Tài liệu số hóa) để thêm lại.</source>
        <translation type="vanished">Dossier saved with {n} digitised document(s); the others were not stored: {error}. Open the dossier (Digitised documents tab) to add them again.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/actions.py" line="141"/>
        <source>Đã lưu {n} tài liệu số hóa cùng hồ sơ.</source>
        <translation>Stored {n} digitised document(s) with the dossier.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/actions.py" line="153"/>
        <source>Đã tiếp nhận hồ sơ, mã hồ sơ:</source>
        <translation>Dossier received, dossier code:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/actions.py" line="159"/>
        <source>Hồ sơ đã lưu nhưng chưa tạo được Giấy tiếp nhận: {error}. Mở hồ sơ để in lại.</source>
        <translation>The dossier was saved but the receipt could not be created: {error}. Open the dossier to print it again.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/actions.py" line="168"/>
        <source>Giấy tiếp nhận hồ sơ và hẹn trả kết quả</source>
        <translation>Dossier receipt and result appointment</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/actions.py" line="217"/>
        <source>Đã gửi {form} tới máy in. Ctrl+P: xem trước, in lại.</source>
        <translation>{form} sent to the printer. Ctrl+P: preview, print again.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/actions.py" line="248"/>
        <source>Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)</source>
        <translation>Request to supplement and complete the dossier (Form 02)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/actions.py" line="249"/>
        <source>Đã ghi nhận hồ sơ và yêu cầu bổ sung, mã hồ sơ:</source>
        <translation>Dossier recorded and supplement requested, dossier code:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/actions.py" line="265"/>
        <source>Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)</source>
        <translation>Notice of refusal to accept the dossier (Form 03)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/actions.py" line="266"/>
        <source>Đã từ chối tiếp nhận hồ sơ, mã hồ sơ:</source>
        <translation>Dossier refused, dossier code:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/actions.py" line="295"/>
        <source>Chưa tạo được phiếu: {error}</source>
        <translation>Could not create the form: {error}</translation>
    </message>
</context>
<context>
    <name>IntakeCaptures</name>
    <message>
        <location filename="../../counter_app/gui/intake/captures.py" line="154"/>
        <source>Chưa lưu tạm được tài liệu số hóa (sẽ mất nếu máy tắt đột ngột): {error}</source>
        <translation>The captured document could not be kept safe (it would be lost if the PC stopped suddenly): {error}</translation>
    </message>
</context>
<context>
    <name>IntakeDrafts</name>
    <message>
        <location filename="../../counter_app/gui/intake/drafts.py" line="103"/>
        <source>Không lưu được bản nháp: {error}</source>
        <translation>Could not save the draft: {error}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/drafts.py" line="143"/>
        <source>(chưa có họ tên)</source>
        <translation>(no name yet)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/drafts.py" line="148"/>
        <source>, lưu lúc {when}</source>
        <translation>, saved at {when}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/drafts.py" line="150"/>
        <source>&lt;b&gt;Khôi phục hồ sơ đang nhập dở?&lt;/b&gt; {details}</source>
        <translation>&lt;b&gt;Restore the unfinished dossier?&lt;/b&gt; {details}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/drafts.py" line="170"/>
        <source>Đã khôi phục hồ sơ đang nhập dở; {n} tài liệu số hóa không đọc lại được, cần số hóa lại.</source>
        <translation>The unfinished intake was restored; {n} captured document(s) could not be read back and must be captured again.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/drafts.py" line="176"/>
        <source>Đã khôi phục hồ sơ đang nhập dở.</source>
        <translation>The unfinished dossier was restored.</translation>
    </message>
</context>
<context>
    <name>IntakeWidget</name>
    <message>
        <location filename="../../counter_app/gui/intake/page.py" line="134"/>
        <source>Tiếp nhận hồ sơ</source>
        <translation>Accept dossier</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/page.py" line="283"/>
        <source>Còn {n} trang đang số hóa dở cho hồ sơ {code} khi ứng dụng đóng đột ngột: mở hồ sơ đó (tab Tài liệu số hóa) để lưu hoặc hủy.</source>
        <translation>{n} pages were being digitised for dossier {code} when the application closed abruptly: open that dossier (Digitised documents tab) to save or cancel them.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/page.py" line="291"/>
        <source>Không tải được danh mục thủ tục: {error}</source>
        <translation>Could not load the procedure catalogue: {error}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/fields.py" line="52"/>
        <source>Chưa chọn thủ tục (F6).</source>
        <translatorcomment>Copy of the context-less entry: intake.py calls tr = self.tr, which lupdate files under no context; drop these copies once intake.py calls self.tr() directly.</translatorcomment>
        <translation>No procedure chosen (F6).</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/fields.py" line="44"/>
        <source>Chưa nhập họ tên người nộp.</source>
        <translatorcomment>Copy of the context-less entry: intake.py calls tr = self.tr, which lupdate files under no context; drop these copies once intake.py calls self.tr() directly.</translatorcomment>
        <translation>The applicant&apos;s name is missing.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/fields.py" line="48"/>
        <source>Ngày sinh cách đây hơn 130 năm / born more than 130 years ago</source>
        <translation>Born more than 130 years ago</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/fields.py" line="51"/>
        <source>Chọn xã/phường trong danh sách gợi ý (Enter để chọn).</source>
        <translatorcomment>Copy of the context-less entry: intake.py calls tr = self.tr, which lupdate files under no context; drop these copies once intake.py calls self.tr() directly.</translatorcomment>
        <translation>Choose the commune from the suggestions (Enter to choose).</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/fields.py" line="45"/>
        <source>Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 02/05/1990.</source>
        <translatorcomment>Copy of the context-less entry: intake.py calls tr = self.tr, which lupdate files under no context; drop these copies once intake.py calls self.tr() directly.</translatorcomment>
        <translation>Enter the date of birth as day/month/year, e.g. 02/05/1990.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/fields.py" line="46"/>
        <source>Ngày sinh ở tương lai.</source>
        <translatorcomment>Copy of the context-less entry: intake.py calls tr = self.tr, which lupdate files under no context; drop these copies once intake.py calls self.tr() directly.</translatorcomment>
        <translation>The date of birth is in the future.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/fields.py" line="47"/>
        <source>Người nộp hơn 120 tuổi? Kiểm tra lại năm sinh.</source>
        <translatorcomment>Copy of the context-less entry: intake.py calls tr = self.tr, which lupdate files under no context; drop these copies once intake.py calls self.tr() directly.</translatorcomment>
        <translation>Applicant over 120 years old? Check the year of birth.</translation>
    </message>
</context>
<context>
    <name>LedgersWidget</name>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="66"/>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="67"/>
        <source>Tuần này</source>
        <translation>This week</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="68"/>
        <source>Tháng này</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="69"/>
        <source>Tháng trước</source>
        <translation>Last month</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="70"/>
        <source>Khoảng ngày…</source>
        <translation>Date range…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="74"/>
        <source>&amp;Kỳ:</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="82"/>
        <source>&amp;Xem</source>
        <translation>&amp;Show</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="83"/>
        <source>Xuất &amp;Excel (.xlsx)…</source>
        <translation>&amp;Excel (.xlsx)…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="84"/>
        <source>Xuất &amp;CSV…</source>
        <translation>&amp;CSV…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="85"/>
        <source>&amp;In sổ (Mẫu 07)…</source>
        <translation>&amp;Print register (Form 07)…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="86"/>
        <source>In danh sách &amp;bàn giao…</source>
        <translation>Print hand-over &amp;list…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="88"/>
        <source>Danh sách hồ sơ bàn giao cho bộ phận chuyên môn trong ngày cuối của kỳ</source>
        <translation>Dossiers handed over to the back office on the last day of the period</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="96"/>
        <source>STT</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="97"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="98"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="99"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="100"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="101"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="102"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="103"/>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="104"/>
        <source>Trả kết quả</source>
        <translation>Result returned</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="105"/>
        <source>Phí, lệ phí</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="113"/>
        <source>Số hồ sơ có thu</source>
        <translation>Dossiers with fees</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="114"/>
        <source>Số khoản</source>
        <translation>Items</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="115"/>
        <source>Phải thu</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="116"/>
        <source>Đã thu</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="117"/>
        <source>Chưa thu</source>
        <translation>Unpaid</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="119"/>
        <source>Ngày</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="120"/>
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="120"/>
        <source>Khoản thu</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="122"/>
        <source>Sổ theo dõi hồ sơ</source>
        <translation>Dossier register</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="123"/>
        <source>Lệ phí theo ngày</source>
        <translation>Fees by day</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="124"/>
        <source>Lệ phí theo khoản thu</source>
        <translation>Fees by item</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="183"/>
        <source>Ngày kết thúc phải sau ngày bắt đầu.</source>
        <translation>The end date must be after the start date.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="189"/>
        <source>Đang đọc sổ…</source>
        <translation>Reading the register…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="246"/>
        <source>Tổng cộng</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="268"/>
        <source>{a} – {b}: {n} hồ sơ (tiếp nhận {r}, từ chối tiếp nhận {x}, yêu cầu bổ sung {c}); lệ phí phải thu {due}, đã thu {paid}.</source>
        <translation>{a} – {b}: {n} dossiers (received {r}, refused at reception {x}, sent back for completion {c}); fees due {due}, paid {paid}.</translation>
    </message>
    <message>
        <source>{a} – {b}: {n} hồ sơ; lệ phí phải thu {due}, đã thu {paid}.</source>
        <translation type="vanished">{a} – {b}: {n} dossier(s); fees due {due}, paid {paid}.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="299"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="299"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="301"/>
        <source>Xuất tệp</source>
        <translation>Export file</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="314"/>
        <source>Đang ghi tệp…</source>
        <translation>Writing the file…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="321"/>
        <source>Đã xuất ra {p}</source>
        <translation>Exported to {p}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="328"/>
        <source>Sổ theo dõi hồ sơ {a} – {b}</source>
        <translation>Dossier register {a} – {b}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/ledgers/page.py" line="340"/>
        <source>Danh sách hồ sơ bàn giao ngày {d}</source>
        <translation>Hand-over list of {d}</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <location filename="../../counter_app/gui/dialogs/signin.py" line="218"/>
        <location filename="../../counter_app/gui/dialogs/signin.py" line="232"/>
        <source>Màn hình đã khóa</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/signin.py" line="250"/>
        <source>Phiên làm việc của {name} đã được khóa. Nhập mật khẩu để tiếp tục; những gì đang nhập dở vẫn được giữ nguyên.</source>
        <translation>The session of {name} is locked. Enter the password to continue; anything being typed is kept as it was.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="71"/>
        <source>CHẾ ĐỘ ĐÀO TẠO — dữ liệu thực hành, không gửi lên Cổng Dịch vụ công thật</source>
        <translation>TRAINING MODE — practice data, never sent to the real National Public Service Portal</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="109"/>
        <source>Chế độ đào tạo: tài khoản thực hành “{u}”, mật khẩu “{p}”.</source>
        <translation>Training mode: practice account “{u}”, password “{p}”.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="116"/>
        <source>Đồng bộ: đang khởi động…</source>
        <translation>Sync: starting…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="181"/>
        <source>Tiếp nhận (F2)</source>
        <translation>Intake (F2)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="182"/>
        <source>Danh sách hồ sơ (F3)</source>
        <translation>Dossiers (F3)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="183"/>
        <source>Hôm nay (F4)</source>
        <translation>Today (F4)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="31"/>
        <source>Tiếp nhận hồ sơ</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="36"/>
        <source>Danh sách hồ sơ</source>
        <translation>Dossier list</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="39"/>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="43"/>
        <source>Sổ theo dõi và lệ phí</source>
        <translation>Register and fees</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="49"/>
        <source>Bàn giao hồ sơ cho cơ quan giải quyết…</source>
        <translation>Hand dossiers over to the deciding agency…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="54"/>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="58"/>
        <source>Mở hồ sơ đang chọn</source>
        <translation>Open the selected dossier</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="63"/>
        <source>Cài đặt…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="66"/>
        <source>Khóa màn hình</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="69"/>
        <source>Đăng xuất</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="435"/>
        <location filename="../../counter_app/gui/shell_menus.py" line="72"/>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="76"/>
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="80"/>
        <source>Hồ sơ chưa đồng bộ được…</source>
        <translation>Dossiers not synced…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="85"/>
        <location filename="../../counter_app/gui/shell_menus.py" line="145"/>
        <source>Phím tắt</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="87"/>
        <source>&amp;Hệ thống</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="94"/>
        <source>Hồ &amp;sơ</source>
        <translation>&amp;Dossiers</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="104"/>
        <source>Đồng &amp;bộ</source>
        <translation>S&amp;ync</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="107"/>
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_status.py" line="25"/>
        <source>Bấm để xem hồ sơ chưa đồng bộ được</source>
        <translation>Click to see dossiers that could not be synced</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_status.py" line="36"/>
        <source>ĐÀO TẠO</source>
        <translation>TRAINING</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="187"/>
        <source>Số liệu trung tâm</source>
        <translation>Centre figures</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="191"/>
        <source>Sổ theo dõi &amp;&amp; lệ phí (F7)</source>
        <translation>Register &amp;&amp; fees (F7)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="221"/>
        <source>{centre} — Quầy {n}</source>
        <translation>{centre} — Counter {n}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="225"/>
        <source>[ĐÀO TẠO] </source>
        <translation>[TRAINING] </translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="227"/>
        <source>Quầy {n}</source>
        <translation>Counter {n}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="253"/>
        <source>Cán bộ: {name}</source>
        <translation>Officer: {name}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="255"/>
        <source>Chưa đăng nhập</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="360"/>
        <source>Chỉ quản trị viên được mở Cài đặt</source>
        <translation>Only administrators can open Settings</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="375"/>
        <source>Đã lưu. Khởi động lại ứng dụng để đổi ngôn ngữ giao diện.</source>
        <translation>Saved. Restart the application to change the interface language.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="378"/>
        <source>Đã lưu cài đặt.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="387"/>
        <source>Tài khoản này không được bàn giao hồ sơ</source>
        <translation>This account may not hand dossiers over</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="129"/>
        <source>F2 — Tiếp nhận hồ sơ</source>
        <translation>F2 — Intake</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="130"/>
        <source>F3 — Danh sách hồ sơ (con trỏ ở ô tìm kiếm)</source>
        <translation>F3 — Dossier list (cursor in the search box)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="131"/>
        <source>F4 — Hôm nay</source>
        <translation>F4 — Today</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="132"/>
        <source>F5 — Làm mới danh sách</source>
        <translation>F5 — Refresh the list</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="133"/>
        <source>F7 — Sổ theo dõi và lệ phí</source>
        <translation>F7 — Register and fees</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="134"/>
        <source>Ctrl+B — Bàn giao hồ sơ trong ngày cho cơ quan giải quyết</source>
        <translation>Ctrl+B — Hand the day&apos;s dossiers over to the deciding agency</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="137"/>
        <source>Enter — Mở hồ sơ đang chọn</source>
        <translation>Enter — Open the selected dossier</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="138"/>
        <source>Ctrl+, — Cài đặt (quản trị viên)</source>
        <translation>Ctrl+, — Settings (administrators)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="139"/>
        <source>Ctrl+L — Khóa màn hình</source>
        <translation>Ctrl+L — Lock screen</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="140"/>
        <source>Ctrl+Q — Thoát</source>
        <translation>Ctrl+Q — Quit</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/shell_menus.py" line="150"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="431"/>
        <source>Thoát ứng dụng</source>
        <translation>Quit the application</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="432"/>
        <source>Hồ sơ đang nhập dở chưa được lưu. Vẫn thoát?</source>
        <translation>A dossier being typed is not saved. Quit anyway?</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="436"/>
        <source>Ở lại</source>
        <translation>Stay</translation>
    </message>
</context>
<context>
    <name>MigrationProgress</name>
    <message>
        <location filename="../../counter_app/gui/dialogs/migration_progress.py" line="17"/>
        <source>Đang kiểm tra dấu niêm phong trước khi nâng cấp… / Checking the seals before the upgrade…</source>
        <translation>Checking the seals before the upgrade…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/migration_progress.py" line="21"/>
        <source>Đang sao lưu dữ liệu trước khi nâng cấp… / Backing up before the upgrade…</source>
        <translation>Backing up before the upgrade…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/migration_progress.py" line="25"/>
        <source>Đang xây dựng lại chỉ mục tìm kiếm… / Rebuilding the search index…</source>
        <translation>Rebuilding the search index…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/migration_progress.py" line="29"/>
        <source>Đang xác định các hồ sơ chưa số hóa… / Finding the dossiers not yet digitised…</source>
        <translation>Finding the dossiers not yet digitised…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/migration_progress.py" line="33"/>
        <source>Đang niêm phong lại dữ liệu sau nâng cấp… / Sealing the upgraded records again…</source>
        <translation>Sealing the upgraded records again…</translation>
    </message>
</context>
<context>
    <name>MoveDueDialog</name>
    <message>
        <location filename="../../counter_app/gui/dossier/move_due.py" line="21"/>
        <source>Dời ngày hẹn trả</source>
        <translation>Move the result due date</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/move_due.py" line="22"/>
        <source>Hẹn trả hiện tại: {due}</source>
        <translation>Current due date: {due}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/move_due.py" line="23"/>
        <source>Dời ngày hẹn</source>
        <translation>Move due date</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/move_due.py" line="32"/>
        <source>Bắt buộc</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/move_due.py" line="33"/>
        <source>&amp;Hẹn trả mới:</source>
        <translation>&amp;New due date:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/move_due.py" line="35"/>
        <source>&amp;Lý do:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/move_due.py" line="55"/>
        <source>Cần ghi lý do dời ngày hẹn.</source>
        <translation>Give the reason for moving the due date.</translation>
    </message>
</context>
<context>
    <name>OtherBox</name>
    <message>
        <location filename="../../counter_app/gui/intake/fields.py" line="30"/>
        <source>Tại Bộ phận Một cửa</source>
        <translation>At the one-stop counter</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/fields.py" line="31"/>
        <source>Qua dịch vụ bưu chính</source>
        <translation>By post</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/other.py" line="18"/>
        <source>Khác</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/other.py" line="24"/>
        <source>Nhận kết &amp;quả:</source>
        <translation>Result deli&amp;very:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/other.py" line="25"/>
        <source>Ghi &amp;chú:</source>
        <translation>&amp;Notes:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/other.py" line="25"/>
        <source>Alt+C</source>
        <translation>Alt+N</translation>
    </message>
</context>
<context>
    <name>PageList</name>
    <message>
        <location filename="../../counter_app/gui/capture/page_list.py" line="126"/>
        <source>Trang {n}</source>
        <translation>Page {n}</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../counter_app/gui/dialogs/preview.py" line="58"/>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/preview.py" line="59"/>
        <source>80 mm (máy in nhiệt)</source>
        <translation>80 mm (thermal printer)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/preview.py" line="180"/>
        <source>&amp;Khổ giấy:</source>
        <translation>P&amp;aper size:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/preview.py" line="190"/>
        <source>&amp;In</source>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/preview.py" line="191"/>
        <source>In biểu mẫu (Enter hoặc Ctrl+P)</source>
        <translation>Print the form (Enter or Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/preview.py" line="194"/>
        <source>&amp;Lưu PDF</source>
        <translation>&amp;Save PDF</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/preview.py" line="195"/>
        <source>Lưu biểu mẫu thành tệp PDF (Ctrl+S)</source>
        <translation>Save the form as a PDF file (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/preview.py" line="197"/>
        <source>Đón&amp;g</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/preview.py" line="198"/>
        <source>Đóng cửa sổ xem trước (Esc)</source>
        <translation>Close the preview (Esc)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/preview.py" line="245"/>
        <source>{n} trang</source>
        <translation>{n} page(s)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/preview.py" line="266"/>
        <source>máy in mặc định</source>
        <translation>default printer</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/preview.py" line="267"/>
        <source>Máy in: {name}</source>
        <translation>Printer: {name}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/preview.py" line="297"/>
        <source>Đang tạo lại biểu mẫu…</source>
        <translation>Re-creating the form…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/preview.py" line="333"/>
        <source>In biểu mẫu</source>
        <translation>Print form</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/preview.py" line="353"/>
        <source>Đang gửi lệnh in…</source>
        <translation>Sending to the printer…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/preview.py" line="358"/>
        <source>Đã gửi lệnh in.</source>
        <translation>Sent to the printer.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/preview.py" line="384"/>
        <source>Lưu PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/preview.py" line="384"/>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/preview.py" line="394"/>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/preview.py" line="397"/>
        <source>Đã lưu: {path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/preview.py" line="405"/>
        <source>Không lưu được tệp: {message}</source>
        <translation>Could not save the file: {message}</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <location filename="../../counter_app/gui/intake/procedure.py" line="40"/>
        <source>Thủ tục hành chính</source>
        <translation>Administrative procedure</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/procedure.py" line="49"/>
        <source>Gõ mã hoặc tên thủ tục, không cần dấu (F6)</source>
        <translation>Type the procedure code or name, accents optional (F6)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/procedure.py" line="53"/>
        <location filename="../../counter_app/gui/intake/procedure.py" line="175"/>
        <source>Hẹn trả kết quả: —</source>
        <translation>Result due: —</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/procedure.py" line="60"/>
        <source>&amp;Thủ tục (F6):</source>
        <translation>Proced&amp;ure (F6):</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/procedure.py" line="62"/>
        <source>F6 hoặc Alt+T. Gõ vài chữ của tên hoặc mã, Enter để chọn.</source>
        <translation>F6 or Alt+U. Type a few letters of the name or code, Enter to choose.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/procedure.py" line="161"/>
        <source>Lĩnh vực: {field} · Thời hạn giải quyết: {time}</source>
        <translation>Field: {field} · Processing time: {time}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/procedure.py" line="181"/>
        <source>Không tính được ngày hẹn: {error}</source>
        <translation>Could not work out the due date: {error}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/procedure.py" line="186"/>
        <source>Hẹn trả kết quả: &lt;b&gt;{due}&lt;/b&gt;</source>
        <translation>Result due: &lt;b&gt;{due}&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../counter_app/gui/dossier/reason.py" line="28"/>
        <source>Bắt buộc</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/reason.py" line="28"/>
        <source>Không bắt buộc</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/reason.py" line="30"/>
        <source>&amp;Lý do:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/reason.py" line="30"/>
        <source>&amp;Ghi chú:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/reason.py" line="38"/>
        <source>Cần ghi lý do.</source>
        <translation>A reason is required.</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <location filename="../../counter_app/gui/dialogs/recovery_key.py" line="29"/>
        <source>Khóa khôi phục dữ liệu</source>
        <translation>Data recovery key</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/recovery_key.py" line="32"/>
        <source>Dữ liệu của quầy được mã hóa. Đây là KHÓA KHÔI PHỤC, chỉ hiện MỘT LẦN. Hãy in ra (hoặc chép tay) và cất nơi an toàn, ngoài máy này. Không có nó, bản sao lưu chép sang máy khác, hoặc dữ liệu khi tài khoản Windows bị cài lại, sẽ không mở được.</source>
        <translation>The counter&apos;s data is encrypted. This is the RECOVERY KEY, shown ONCE. Print it (or copy it by hand) and keep it somewhere safe, away from this PC. Without it, a backup copied to another PC, or this data after the Windows account is reinstalled, cannot be opened.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/recovery_key.py" line="50"/>
        <source>In khóa khôi phục…</source>
        <translation>Print the recovery key…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/recovery_key.py" line="54"/>
        <source>Tôi đã in hoặc chép lại khóa</source>
        <translation>I have printed or copied the key</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/recovery_key.py" line="74"/>
        <source>KHÓA KHÔI PHỤC DỮ LIỆU QUẦY TIẾP NHẬN</source>
        <translation>RECOVERY KEY OF THE COUNTER DATA</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/recovery_key.py" line="79"/>
        <source>Dùng khi khôi phục bản sao lưu trên máy khác (counter-app restore --recovery-key) hoặc khi máy mất kho khóa (counter-app unlock --recovery-key). Cất trong tủ có khóa; không dán lên máy.</source>
        <translation>Used to restore a backup on another PC (counter-app restore --recovery-key) or when this PC loses its keyring (counter-app unlock --recovery-key). Keep it in a locked cabinet; never stick it on the PC.</translation>
    </message>
</context>
<context>
    <name>RefusalDialog</name>
    <message>
        <location filename="../../counter_app/gui/dossier/refusal.py" line="17"/>
        <source>Ghi các lý do từ chối, mỗi dòng một lý do. Phiếu Mẫu 03 sẽ được tạo để in.</source>
        <translation>Write the reasons for refusal, one per line. Form 03 will be created for printing.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/refusal.py" line="22"/>
        <source>Từ chối tiếp nhận hồ sơ (Mẫu 03)</source>
        <translation>Refuse to accept the dossier (Form 03)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/refusal.py" line="24"/>
        <source>Từ chối &amp;&amp; tạo Mẫu 03</source>
        <translation>Refuse &amp;&amp; create Form 03</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/refusal.py" line="27"/>
        <source>Mỗi dòng một lý do (bắt buộc)</source>
        <translation>One reason per line (required)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/refusal.py" line="28"/>
        <source>&amp;Lý do từ chối:</source>
        <translation>&amp;Reasons for refusal:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/refusal.py" line="36"/>
        <source>Cần ghi ít nhất một lý do từ chối.</source>
        <translation>Give at least one reason for refusal.</translation>
    </message>
</context>
<context>
    <name>ResultBanner</name>
    <message>
        <location filename="../../counter_app/gui/intake/banners.py" line="36"/>
        <source>Đã tiếp nhận hồ sơ, mã hồ sơ:</source>
        <translation>Dossier received, dossier code:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/banners.py" line="45"/>
        <source>&amp;Mở hồ sơ</source>
        <translation>&amp;Open dossier</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/banners.py" line="46"/>
        <source>Xem chi tiết hồ sơ vừa lưu (Alt+M)</source>
        <translation>Show the details of the dossier just saved (Alt+O)</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../counter_app/gui/dossier/return_result.py" line="42"/>
        <source>Trả kết quả</source>
        <translation>Return result</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/return_result.py" line="44"/>
        <source>Ghi họ tên và số giấy tờ của người nhận kết quả (có thể quét mã QR trên thẻ căn cước của người nhận).</source>
        <translation>Enter the name and ID number of the person collecting the result (you can scan the QR code on their ID card).</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/return_result.py" line="47"/>
        <source>Xác nhận đã trả</source>
        <translation>Confirm returned</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/return_result.py" line="52"/>
        <source>Không bắt buộc</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/return_result.py" line="54"/>
        <source>&amp;Người nhận:</source>
        <translation>&amp;Collected by:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/return_result.py" line="55"/>
        <source>&amp;Số giấy tờ:</source>
        <translation>&amp;ID number:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/return_result.py" line="56"/>
        <source>&amp;Ghi chú:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/return_result.py" line="66"/>
        <source>Số hóa &amp;kết quả…</source>
        <translation>Digitise the &amp;result…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/return_result.py" line="68"/>
        <source>Quét hoặc chọn tệp bản kết quả trả cho người nhận (lưu khi xác nhận đã trả)</source>
        <translation>Scan or choose files of the result handed back (stored when the hand-back is confirmed)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/return_result.py" line="73"/>
        <source>Chưa số hóa kết quả</source>
        <translation>Result not digitised</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/return_result.py" line="93"/>
        <source>Đã số hóa kết quả: {n} trang</source>
        <translation>Result digitised: {n} page(s)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/return_result.py" line="95"/>
        <source>Kết quả giải quyết</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/return_result.py" line="130"/>
        <source>Cần ghi họ tên người nhận kết quả.</source>
        <translation>Enter the name of the person collecting the result.</translation>
    </message>
</context>
<context>
    <name>ScanController</name>
    <message>
        <location filename="../../counter_app/gui/intake/scan.py" line="90"/>
        <source>Đang lưu hồ sơ trước; hãy quét lại sau.</source>
        <translation>Still saving the previous dossier; scan again in a moment.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/scan.py" line="110"/>
        <source>Đã đọc thẻ căn cước số {number}, nhưng họ tên quét được có thể bị mất dấu ({name}). Hãy sửa họ tên theo thẻ trước khi lưu.</source>
        <translation>Read ID card {number}, but the scanned name may have lost its accents ({name}). Correct the name from the card before saving.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/scan.py" line="121"/>
        <source>Đã đọc thẻ căn cước: {name}, số {number}. Địa chỉ trên thẻ theo đơn vị hành chính cũ ({old}): kiểm tra địa chỉ và xã/phường hiện nay.</source>
        <translation>ID card read: {name}, no. {number}. The card&apos;s address uses the former administrative units ({old}): check the address and the current commune.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake/scan.py" line="126"/>
        <source>Đã đọc thẻ căn cước: {name}, số {number}. Kiểm tra địa chỉ và chọn xã/phường.</source>
        <translation>ID card read: {name}, no. {number}. Check the address and choose the commune.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="74"/>
        <source>Chỉ quản trị viên được mở Cài đặt</source>
        <translation>Only administrators can open Settings</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="78"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="88"/>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="89"/>
        <source>Ngày nghỉ, làm bù</source>
        <translation>Days off, make-up days</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="90"/>
        <source>In ấn</source>
        <translation>Printing</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="91"/>
        <source>Cổng DVC</source>
        <translation>Portal</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="92"/>
        <source>Danh mục thủ tục</source>
        <translation>Procedure catalogue</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="98"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="102"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="125"/>
        <source>Đang tải…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="58"/>
        <source> phút</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="64"/>
        <source>Tên trung tâm</source>
        <translation>Centre name</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="66"/>
        <source>Mã định danh đơn vị</source>
        <translation>Unit ID code</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="68"/>
        <source>Xã/phường</source>
        <translation>Commune</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="69"/>
        <source>Số quầy</source>
        <translation>Counter number</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="70"/>
        <source>Giờ làm việc</source>
        <translation>Working hours</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="72"/>
        <source>Nhận sau giờ này thì hẹn trả hôm sau</source>
        <translation>Same-day cut-off time</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="76"/>
        <source>Tự khóa màn hình sau</source>
        <translation>Lock the screen after</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="78"/>
        <source>Ngôn ngữ giao diện</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="86"/>
        <source>Lịch nghỉ lễ, Tết và ngày làm bù được tính tự động. Thêm ở đây các ngày được quyết định riêng (nghỉ thêm hoặc làm bù).</source>
        <translation>Public holidays, Tết and official make-up days are known automatically. Add here the days decided separately (extra days off or make-up working days).</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="98"/>
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="99"/>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="100"/>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="113"/>
        <source>Ngày nghỉ</source>
        <translation>Day off</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="115"/>
        <source>Ngày làm việc (làm bù)</source>
        <translation>Working day (make-up)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="119"/>
        <source>Ghi chú, vd: theo quyết định số …</source>
        <translation>Note, e.g. per decision no. …</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="121"/>
        <source>Thêm</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="122"/>
        <source>Xóa dòng đã chọn</source>
        <translation>Remove the selected row</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="144"/>
        <source>(Máy in mặc định của hệ thống)</source>
        <translation>(System default printer)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="154"/>
        <source>Máy in chung</source>
        <translation>General printer</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/form_printers.py" line="23"/>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="150"/>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/form_printers.py" line="24"/>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="151"/>
        <source>Giấy cuộn 80 mm</source>
        <translation>80 mm roll</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/form_printers.py" line="38"/>
        <source>Biểu mẫu</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/form_printers.py" line="39"/>
        <source>Máy in</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/form_printers.py" line="40"/>
        <source>Khổ giấy</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/form_printers.py" line="41"/>
        <source>In thẳng</source>
        <translation>Direct</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/form_printers.py" line="58"/>
        <source>(Máy in chung)</source>
        <translation>(General printer)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/form_printers.py" line="71"/>
        <source>In ngay khi lưu, không mở xem trước (Ctrl+P để xem lại)</source>
        <translation>Print on saving, without opening the preview (Ctrl+P to see it)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="155"/>
        <source>Khổ giấy biên nhận</source>
        <translation>Receipt paper</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="157"/>
        <source>Theo từng mẫu (vd. biên nhận ra máy in nhiệt 80 mm, Mẫu 02/03 và sổ theo dõi ra máy in A4). &quot;In thẳng&quot;: in ngay khi lưu, không xem trước.</source>
        <translation>Per form (e.g. the receipt on an 80 mm thermal printer, Forms 02/03 and the register on an A4 printer). &quot;Direct&quot;: print on saving, without preview.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="183"/>
        <source> giây</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="188"/>
        <source>Kiểm tra kết nối</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="197"/>
        <source>Địa chỉ cổng</source>
        <translation>Portal address</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="198"/>
        <source>Tài khoản</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="199"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="202"/>
        <source>Chu kỳ đồng bộ</source>
        <translation>Sync interval</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="214"/>
        <source>Nhập tệp danh mục…</source>
        <translation>Import a catalogue file…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings_pages.py" line="220"/>
        <source>Danh mục được cập nhật tự động từ cổng DVC khi đồng bộ. Chỉ nhập tệp khi kỹ thuật viên yêu cầu (tệp JSON do cổng hoặc Sở cung cấp).</source>
        <translation>The catalogue is updated from the portal automatically when syncing. Import a file only when a technician asks you to (a JSON file from the portal or the provincial department).</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="155"/>
        <source>(đã lưu — để trống nếu không đổi)</source>
        <translation>(saved — leave empty to keep it)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="157"/>
        <source>(chưa có mật khẩu)</source>
        <translation>(no password yet)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="160"/>
        <source>Mật khẩu được lưu trong kho khóa của hệ điều hành.</source>
        <translation>The password is kept in the operating system&apos;s keyring.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="163"/>
        <source>Máy này không có kho khóa: mật khẩu được lưu trong tệp riêng của thư mục dữ liệu (chỉ tài khoản Windows/Linux này đọc được, không mã hóa).</source>
        <translation>This computer has no keyring: the password is kept in a private file in the data folder (readable only by this Windows/Linux account, not encrypted).</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="179"/>
        <source>Không tải được cài đặt: {e}</source>
        <translation>Could not load the settings: {e}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="188"/>
        <source>Phiên bản danh mục đang dùng: {v}</source>
        <translation>Catalogue version in use: {v}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="188"/>
        <source>(chưa có)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="206"/>
        <source>Làm việc (làm bù)</source>
        <translation>Working (make-up)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="206"/>
        <source>Nghỉ</source>
        <translation>Day off</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="269"/>
        <source>Nhập tài khoản cổng trước khi lưu mật khẩu</source>
        <translation>Enter the portal user name before saving a password</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="277"/>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="301"/>
        <source>Không lưu được mật khẩu: {e}</source>
        <translation>Could not save the password: {e}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="319"/>
        <source>Nhập địa chỉ cổng trước</source>
        <translation>Enter the portal address first</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="322"/>
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="329"/>
        <source>Kết nối tốt, đăng nhập được ({ms:.0f} ms).</source>
        <translation>Connection OK, signed in ({ms:.0f} ms).</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="336"/>
        <source>CẢNH BÁO: đồng hồ máy lệch {s:+.0f} giây so với cổng, hãy chỉnh giờ.</source>
        <translation>WARNING: this PC&apos;s clock is {s:+.0f} s off the portal&apos;s; correct the time.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="340"/>
        <source>Đồng hồ khớp với cổng (lệch {s:+.0f} giây).</source>
        <translation>The clock agrees with the portal ({s:+.0f} s).</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="345"/>
        <source>Không kết nối được: {e}</source>
        <translation>Could not connect: {e}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="354"/>
        <source>Chọn tệp danh mục thủ tục</source>
        <translation>Choose a procedure catalogue file</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="354"/>
        <source>Tệp JSON (*.json)</source>
        <translation>JSON files (*.json)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="363"/>
        <source>Đang nhập…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="373"/>
        <source>Đã nhập danh mục phiên bản {v}: {n} thủ tục.</source>
        <translation>Imported catalogue version {v}: {n} procedures.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/settings.py" line="382"/>
        <source>Không nhập được: {e}</source>
        <translation>Import failed: {e}</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="135"/>
        <source>Thiết lập quầy lần đầu</source>
        <translation>First-time counter setup</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="139"/>
        <source>Chào mừng! Hãy khai báo đơn vị, số quầy và tài khoản quản trị đầu tiên. Các thông tin này có thể sửa sau trong Cài đặt.</source>
        <translation>Welcome! Enter the unit, the counter number and the first administrator account. All of this can be changed later in Settings.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="158"/>
        <source>Các buổi làm việc, cách nhau bằng dấu phẩy</source>
        <translation>Working periods, separated by commas</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="159"/>
        <source>Đơn vị tiếp nhận</source>
        <translation>Receiving unit</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="161"/>
        <source>Xã/phường</source>
        <translation>Commune</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="162"/>
        <source>Tên trung tâm</source>
        <translation>Centre name</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="163"/>
        <source>Mã định danh đơn vị</source>
        <translation>Unit ID code</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="164"/>
        <source>Số quầy (1–9)</source>
        <translation>Counter number (1–9)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="165"/>
        <source>Giờ làm việc</source>
        <translation>Working hours</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="177"/>
        <source>Tài khoản quản trị đầu tiên</source>
        <translation>First administrator account</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="179"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="180"/>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="181"/>
        <source>Mật khẩu (ít nhất 10 ký tự)</source>
        <translation>Password (at least 10 characters)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="182"/>
        <source>Nhập lại mật khẩu</source>
        <translation>Password again</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="190"/>
        <source>Hoàn tất thiết lập</source>
        <translation>Finish setup</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="194"/>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="281"/>
        <source>Hãy chọn xã/phường của trung tâm</source>
        <translation>Choose the centre&apos;s commune</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="283"/>
        <source>Hãy nhập mã định danh điện tử của đơn vị</source>
        <translation>Enter the unit&apos;s electronic ID code</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="285"/>
        <source>Hãy nhập tên đăng nhập cho quản trị viên</source>
        <translation>Enter a user name for the administrator</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="288"/>
        <source>Hai lần nhập mật khẩu không khớp</source>
        <translation>The two passwords differ</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/setup.py" line="292"/>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>SignInForm</name>
    <message>
        <location filename="../../counter_app/gui/dialogs/signin.py" line="59"/>
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/signin.py" line="72"/>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/signin.py" line="73"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/signin.py" line="115"/>
        <source>Nhập tên đăng nhập</source>
        <translation>Enter your user name</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/signin.py" line="119"/>
        <source>Nhập mật khẩu</source>
        <translation>Enter your password</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/signin.py" line="124"/>
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../../counter_app/gui/dialogs/signin.py" line="171"/>
        <source>Quầy tiếp nhận và trả kết quả hồ sơ</source>
        <translation>Dossier reception and result counter</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/signin.py" line="199"/>
        <source>{centre}
Quầy số {counter}</source>
        <translation>{centre}
Counter {counter}</translation>
    </message>
</context>
<context>
    <name>SupplementDialog</name>
    <message>
        <location filename="../../counter_app/gui/dossier/supplement.py" line="25"/>
        <source>Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)</source>
        <translation>Request to supplement the dossier (Form 02)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/supplement.py" line="27"/>
        <source>Đánh dấu giấy tờ cần bổ sung (phím cách để chọn), ghi thêm giấy tờ khác và lý do. Phiếu Mẫu 02 sẽ được tạo để in.</source>
        <translation>Tick the documents to be supplemented (Space to tick), add any other documents and the reason. Form 02 will be created for printing.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/supplement.py" line="30"/>
        <source>Ghi nhận &amp;&amp; tạo Mẫu 02</source>
        <translation>Record &amp;&amp; create Form 02</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/supplement.py" line="50"/>
        <source>Mỗi dòng một giấy tờ</source>
        <translation>One document per line</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/supplement.py" line="51"/>
        <source>Bắt buộc</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/supplement.py" line="53"/>
        <source>&amp;Giấy tờ cần bổ sung:</source>
        <translation>&amp;Documents to supplement:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/supplement.py" line="54"/>
        <source>Giấy tờ &amp;khác:</source>
        <translation>&amp;Other documents:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/supplement.py" line="55"/>
        <source>&amp;Lý do:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/supplement.py" line="78"/>
        <source>Chọn hoặc ghi ít nhất một giấy tờ cần bổ sung.</source>
        <translation>Tick or write at least one document to supplement.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier/supplement.py" line="82"/>
        <source>Cần ghi lý do yêu cầu bổ sung.</source>
        <translation>Give the reason for requesting more documents.</translation>
    </message>
</context>
<context>
    <name>SyncProblemsDialog</name>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="39"/>
        <source>Hồ sơ chưa đồng bộ được</source>
        <translation>Dossiers not synced</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="47"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="48"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="49"/>
        <source>Tình trạng</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="50"/>
        <source>Thông báo của cổng DVC</source>
        <translation>Portal message</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="62"/>
        <source>Gửi lại hồ sơ đã chọn</source>
        <translation>Resend the selected dossier</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="64"/>
        <source>Xem hồ sơ</source>
        <translation>Open dossier</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="65"/>
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="76"/>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="77"/>
        <source>Hồ sơ / mục</source>
        <translation>Dossier / item</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="78"/>
        <source>Lý do không áp dụng</source>
        <translation>Why it was not applied</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="79"/>
        <source>Nội dung Cổng gửi</source>
        <translation>What the portal sent</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="99"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="113"/>
        <source>Chưa có bộ đồng bộ trong bản này</source>
        <translation>This build has no sync engine</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="129"/>
        <source>Xung đột</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="129"/>
        <source>Bị từ chối</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="139"/>
        <source>{n} hồ sơ cần xem lại. Sửa hồ sơ theo thông báo của cổng rồi bấm “Gửi lại”; các hồ sơ khác vẫn được gửi bình thường.</source>
        <translation>{n} dossiers need attention. Correct the dossier as the portal says, then press “Resend”; other dossiers keep being sent.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="143"/>
        <source>Không có hồ sơ nào bị từ chối.</source>
        <translation>No rejected dossiers.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="152"/>
        <source>Thay đổi từ Cổng</source>
        <translation>Portal changes feed</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="153"/>
        <source>Danh mục thủ tục</source>
        <translation>Procedure catalogue</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="154"/>
        <source>Ngày nghỉ</source>
        <translation>Days off</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="170"/>
        <source>{n} mục Cổng gửi sai cấu trúc đã được để riêng, không áp dụng; đồng bộ vẫn tiếp tục. Báo cho kỹ thuật viên cùng nội dung dưới đây.</source>
        <translation>{n} portal items did not fit their expected shape and were set aside, not applied; sync goes on. Tell a technician, with the content below.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="174"/>
        <source>Không có mục nào của Cổng bị để riêng.</source>
        <translation>No portal items set aside.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dialogs/sync_problems.py" line="202"/>
        <source>Đã xếp lại {n} mục của hồ sơ {code} để gửi.</source>
        <translation>Queued {n} entries of dossier {code} again.</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../counter_app/gui/sync_status.py" line="52"/>
        <source>Chưa cấu hình đồng bộ</source>
        <translation>Sync not configured</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/sync_status.py" line="54"/>
        <source>Đang đồng bộ…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/sync_status.py" line="56"/>
        <source>Mất kết nối cổng DVC</source>
        <translation>Portal unreachable</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/sync_status.py" line="58"/>
        <source>Lỗi đồng bộ</source>
        <translation>Sync error</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/sync_status.py" line="60"/>
        <source>Đã đồng bộ lúc {time}</source>
        <translation>Synced at {time}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/sync_status.py" line="64"/>
        <source>Đã đồng bộ</source>
        <translation>Synced</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/sync_status.py" line="68"/>
        <source>{n} chờ gửi</source>
        <translation>{n} pending</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/sync_status.py" line="72"/>
        <source>{n} bị từ chối</source>
        <translation>{n} rejected</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/sync_status.py" line="76"/>
        <source>{n} xung đột</source>
        <translation>{n} conflicts</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/sync_status.py" line="87"/>
        <source>⚠ Đồng hồ máy chậm {m} phút so với cổng DVC: hãy chỉnh giờ</source>
        <translation>⚠ This PC&apos;s clock is {m} min behind the portal: correct the time</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/sync_status.py" line="90"/>
        <source>⚠ Đồng hồ máy nhanh {m} phút so với cổng DVC: hãy chỉnh giờ</source>
        <translation>⚠ This PC&apos;s clock is {m} min ahead of the portal: correct the time</translation>
    </message>
</context>
<context>
    <name>TodayWidget</name>
    <message>
        <location filename="../../counter_app/gui/lists/today.py" line="70"/>
        <source>Nhận hôm nay</source>
        <translation>Received today</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/today.py" line="71"/>
        <source>Hẹn trả hôm nay</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/today.py" line="72"/>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/today.py" line="73"/>
        <source>Đã trả hôm nay</source>
        <translation>Returned today</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/lists/today.py" line="115"/>
        <source>Hôm nay, {d}</source>
        <translation>Today, {d}</translation>
    </message>
</context>
</TS>
