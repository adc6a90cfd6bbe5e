from django.urls import path

from hearth.oversight.views import actions, findings, reg44, reg45, review

app_name = "oversight"
H = "homes/<uuid:home_id>/"
urlpatterns = [
    path(H + "review/", review.queue, name="queue"),
    path(H + "review/log/<uuid:entry_id>/sign/", review.sign_log, name="sign_log"),
    path(H + "review/log/sign/", review.sign_logs, name="sign_logs"),
    path(H + "dashboard/", findings.dashboard, name="dashboard"),
    path(H + "findings/", findings.findings, name="findings"),
    path(H + "findings/acknowledge/", findings.finding_acknowledge, name="finding_acknowledge"),
    path(H + "findings/mock-inspection/", findings.mock_inspection_page, name="mock_inspection"),
    path(H + "findings/mock-inspection.pdf", findings.mock_inspection_download, name="mock_inspection_pdf"),
    path(H + "actions/", actions.action_list, name="action_list"),
    path(H + "actions/new/", actions.action_new, name="action_new"),
    path(H + "actions/<uuid:action_id>/", actions.action_detail, name="action_detail"),
    path(H + "actions/<uuid:action_id>/change/", actions.action_update, name="action_update"),
    path(H + "actions/<uuid:action_id>/complete/", actions.action_complete, name="action_complete"),
    path(H + "actions/<uuid:action_id>/reopen/", actions.action_reopen, name="action_reopen"),
    path(H + "reg44/", reg44.reg44_list, name="reg44_list"),
    path(H + "reg44/new/", reg44.reg44_new, name="reg44_new"),
    path(H + "reg44/<uuid:visit_id>/", reg44.reg44_detail, name="reg44_detail"),
    path(H + "reg44/<uuid:visit_id>/edit/", reg44.reg44_edit, name="reg44_edit"),
    path(H + "reg44/<uuid:visit_id>/report.pdf", reg44.reg44_pdf, name="reg44_pdf"),
    path(H + "reg44/<uuid:visit_id>/submit/", reg44.reg44_submit, name="reg44_submit"),
    path(H + "reg44/<uuid:visit_id>/recommendations/new/", reg44.reg44_recommendation, name="reg44_recommendation"),
    path(H + "reg44/<uuid:visit_id>/copies/new/", reg44.reg44_distribution, name="reg44_distribution"),
    path(H + "reg45/", reg45.reg45_list, name="reg45_list"),
    path(H + "reg45/new/", reg45.reg45_new, name="reg45_new"),
    path(H + "reg45/<uuid:review_id>/", reg45.reg45_detail, name="reg45_detail"),
    path(H + "reg45/<uuid:review_id>/review.pdf", reg45.reg45_pdf, name="reg45_pdf"),
    path(H + "reg45/<uuid:review_id>/edit/", reg45.reg45_edit, name="reg45_edit"),
    path(H + "reg45/<uuid:review_id>/complete/", reg45.reg45_complete, name="reg45_complete"),
    path(H + "reg45/<uuid:review_id>/sent/", reg45.reg45_sent, name="reg45_sent"),
    path(H + "reg45/<uuid:review_id>/actions/new/", reg45.reg45_action, name="reg45_action"),
]
