package org.pmoresearch.analytics.web;

import org.junit.jupiter.api.Test;
import org.pmoresearch.analytics.config.PublicUrlsProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardControllerTest {

    @Test
    void aConfiguredPublicSurveyUrlIsTheOneInTheQrCodeWhateverTheRequestsOrigin() throws Exception {
        DashboardController controller = new DashboardController(null, null,
                new PublicUrlsProperties("https://survey.example.org/pmo/", ""));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", DashboardController.SURVEY_QR_CODE);
        request.setServerName("analytics.internal");
        request.setServerPort(8083);

        ResponseEntity<String> image = controller.surveyQrCode(request);

        assertThat(image.getHeaders().getContentType()).hasToString("image/svg+xml;charset=UTF-8");
        assertThat(QrCodes.textOfSvg(image.getBody())).isEqualTo("https://survey.example.org/pmo/survey/");
    }
}
