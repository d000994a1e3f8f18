package org.pmoresearch.export;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Builds the PMO services workbook on demand from the published catalogue and the analytics hotspots. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ExportApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExportApplication.class, args);
    }
}
