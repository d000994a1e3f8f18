package org.pmoresearch.catalogue.config;

import org.pmoresearch.catalogue.domain.CatalogueEditor;
import org.pmoresearch.catalogue.domain.CatalogueSeeder;
import org.pmoresearch.catalogue.messaging.CataloguePublisher;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Once the application is ready: seeds version 1 and creates the draft from the latest version on the first start,
 * and publishes what Kafka has not acknowledged. Then keeps retrying on a fixed delay so that versions stored while
 * the broker was down reach it when it is back.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PublishingConfig implements SchedulingConfigurer {

    private final CatalogueSeeder seeder;
    private final CatalogueEditor editor;
    private final CataloguePublisher publisher;
    private final CatalogueProperties properties;

    PublishingConfig(CatalogueSeeder seeder, CatalogueEditor editor, CataloguePublisher publisher,
                     CatalogueProperties properties) {
        this.seeder = seeder;
        this.editor = editor;
        this.publisher = publisher;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void prepareAndPublish() {
        seeder.seedFirstVersionIfEmpty();
        editor.draft();
        publisher.publishOutstanding();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(publisher::publishOutstanding,
                properties.publishRetryInterval(), properties.publishRetryInterval()));
    }
}
