package org.pmoresearch.bench;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input run at a short size against the shared embedded platform: the same requests, categories and
 * checks as the full run ({@link HostileInput}), a tenth of the requests.
 */
@Order(2)
class HostileInputIT {

    @Test
    void hostileRequestsAmongValidLoadGetNoServerErrorBecomeNoEventAndLeaveEveryValidResponseCounted() throws Exception {
        HostileInput.Report report = HostileInput.run(SharedPlatform.get(), new HostileInput.Settings(1_000, 10, 6, 7));
        System.out.print(report.summary());

        assertThat(report.categories().values()).allSatisfy(tally -> assertThat(tally.count()).isPositive());
        assertThat(report.validAccepted()).isPositive();
        assertThat(report.failures()).as(report.summary()).isEmpty();
    }
}
